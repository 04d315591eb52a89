"""A build imports only what its outputs need."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import REPO

PROBE = """
import sys
from segue.commands import main
try:
    main(["build", sys.argv[1], "--out", sys.argv[2], "--only", sys.argv[3]], standalone_mode=False)
except SystemExit as leaving:
    assert leaving.code == 0, leaving.code
print(" ".join(sorted(m for m in ("typst", "fontTools", "segue.render.handout", "segue.render.scripts", "pptx") if m in sys.modules)))
"""


def loaded_modules(talk, out, only: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(talk), str(out), only],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split("\n")[-2].split())


def test_a_deck_only_build_never_loads_the_pdf_stack(talk, tmp_path):
    assert loaded_modules(talk, tmp_path / "a", "pptx") == {"pptx"}


def test_a_handout_only_build_never_loads_python_pptx(talk, tmp_path):
    modules = loaded_modules(talk, tmp_path / "b", "handout")
    assert "typst" in modules and "pptx" not in modules


def test_a_scripts_only_build_never_loads_python_pptx(talk, tmp_path):
    modules = loaded_modules(talk, tmp_path / "c", "scripts")
    assert {"typst", "segue.render.scripts"} <= modules and "pptx" not in modules
