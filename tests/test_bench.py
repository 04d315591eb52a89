"""The benchmark runs at a small size in the suite, so it cannot rot; it asserts no speed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import REPO


@pytest.mark.slow
def test_the_benchmark_runs_at_a_small_size(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--repeat", "1", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = [line.split() for line in lines if line.strip() and line.split()[0].isdigit()]
    assert [row[0] for row in rows] == ["10", "40"]
    assert all(float(row[2]) > 0 for row in rows)  # segue's seconds
    assert "growth:" in result.stdout
    assert "speaker notes" in result.stdout and "slide text" in result.stdout


@pytest.mark.slow
def test_the_printed_outputs_benchmark_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "pdf.py"), "--repeat", "1"], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert "clinician's script" in result.stdout and "speaker notes" in result.stdout
    assert "-clinician-script.pdf" in result.stdout  # a notes edit rebuilds the scripts


@pytest.mark.slow
def test_the_proof_benchmark_runs(libreoffice):
    import os

    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "proof.py"), "--sizes", "10", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "SOFFICE": libreoffice},
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.strip() and line.split()[0].isdigit()]
    assert [row[0] for row in rows] == ["10"] and float(rows[0][1]) > 0  # the proof's seconds
    assert "target: 40 slides" in result.stdout


@pytest.mark.slow
def test_the_live_talk_benchmark_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "present.py"), "--pages", "5", "--advances", "50", "--slides", "10"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "5 pages, 50 advances" in result.stdout and "pages that missed a state: 0" in result.stdout
    assert "server memory (MiB) after N advances: 0: " in result.stdout
