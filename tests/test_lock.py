"""The lock (constraints.txt) is current: it pins exactly what a test install holds,
and every pin satisfies pyproject.toml. When this fails, run `make lock`."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.helpers import REPO

NOT_LOCKED = {"segue", "setuptools"}  # the project itself; what the virtual environment comes with


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    found = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            found[normalized(name)] = str(Version(version.strip()))
    return found


def test_the_lock_pins_exactly_the_installed_distributions():
    installed = {
        normalized(dist.metadata["Name"]): str(Version(dist.version))
        for dist in importlib.metadata.distributions()
        if normalized(dist.metadata["Name"]) not in NOT_LOCKED
    }
    locked = pins()
    assert installed == locked, (
        f"not locked: {sorted(set(installed) - set(locked))}; locked, not installed: {sorted(set(locked) - set(installed))}; "
        f"other versions: {sorted(n for n in installed.keys() & locked.keys() if installed[n] != locked[n])} — run `make lock`"
    )


def test_every_pin_satisfies_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    locked = pins()
    for text in requirements:
        requirement = Requirement(text)
        name = normalized(requirement.name)
        assert name in locked, f"{name} is not in constraints.txt: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), f"{name}=={locked[name]} does not satisfy {text}"
