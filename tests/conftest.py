from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.helpers import REPO, cli, make_talk, soffice

# A full build converts the deck to PDF with LibreOffice when it is installed (a few
# seconds each); the suite's many full builds leave that out, and the tests of the
# deck PDF ask for it (SOFFICE set to the real program).
os.environ["SOFFICE"] = ""

# A suite started in the background by a shell without job control (`make test &`)
# inherits Ctrl-C ignored, and so would every build and server it starts: the tests
# that stop them with Ctrl-C would wait forever. They are run as a terminal runs them.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_finish(session):
    """When the designers' templates are to be tested, LibreOffice starts converting them
    now, beside the rest of the suite (about a minute and a half of one core)."""
    if soffice() and any("test_designer_templates.py" in item.nodeid for item in session.items):
        from tests.render.pptx.designer_templates import Converting

        session.config.designer_templates = Converting()


def pytest_sessionfinish(session):
    started = getattr(session.config, "designer_templates", None)
    if started is not None:
        started.close()


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    """A fresh copy of the small test talk."""
    return make_talk(tmp_path / "talk")


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Path:
    """The default talk (the repository root) built once into a temporary folder."""
    out = tmp_path_factory.mktemp("default-dist")
    result = cli("build", REPO, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def default_pptx(default_build: Path) -> Path:
    return default_build / "love-as-medicine.pptx"


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """LibreOffice headless; in CI (CI=true) its absence fails instead of skipping."""
    binary = soffice()
    if binary is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice (soffice) is required in CI but was not found")
        pytest.skip("LibreOffice (soffice) is not installed")
    return binary


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, which the tests of `present` drive with Playwright (never a browser
    of Playwright's own); in CI (CI=true) its absence fails instead of skipping."""
    import shutil

    binary = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium (chromium) is required in CI but was not found")
        pytest.skip("Chromium (chromium) is not installed")
    return binary


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for the session's page tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        yield launched
        launched.close()


@pytest.fixture
def with_libreoffice(monkeypatch, libreoffice):
    """SOFFICE set to LibreOffice for one test: its builds make the deck PDF and the proof."""
    monkeypatch.setenv("SOFFICE", libreoffice)
    return libreoffice


@pytest.fixture(autouse=True, scope="session")
def every_deck_has_its_references(request):
    """Every deck any test builds is checked: each relationship reference resolves."""
    import segue.build.pipeline as pipeline
    from tests.render.pptx.references import unresolved_references

    publish = pipeline.publish

    def checked(out, files):
        for name, data in files.items():
            if name.endswith(".pptx"):
                problems = unresolved_references(data)
                assert not problems, f"{name}: " + "\n".join(problems)
        return publish(out, files)

    pipeline.publish = checked
    yield
    pipeline.publish = publish


@pytest.fixture(scope="session")
def cjk_and_emoji_fonts() -> None:
    """The machine has fonts for Chinese and emoji (the packaged chain has none;
    .ci/run installs fonts-wqy-microhei and fonts-noto-color-emoji). In CI their
    absence fails instead of skipping."""
    from segue.render.pdf.fonts import chain_for

    chain = chain_for({"中", "🌱"})
    if chain.missing:
        message = "no system font covers " + ", ".join(sorted(chain.missing))
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
