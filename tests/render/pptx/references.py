"""Every relationship reference in a .pptx resolves: each `r:*` attribute of each
part names a relationship of that part, and each internal relationship names a
part that is in the package. PowerPoint offers to repair a file where either
fails, and drops what the reference pointed at."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def unresolved_references(data: bytes) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        for part in sorted(names):
            if not part.endswith(".xml") and not part.endswith(".rels"):
                continue
            root = etree.fromstring(package.read(part))
            if part.endswith(".rels"):
                base = posixpath.dirname(posixpath.dirname(part))
                for rel in root.iter(RELS):
                    if rel.get("TargetMode") == "External":
                        continue
                    target = rel.get("Target")
                    resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
                    if resolved not in names:
                        problems.append(f"{part}: {rel.get('Id')} -> {target} is not in the package")
                continue
            rels_name = _rels_name(part)
            ids = set()
            if rels_name in names:
                ids = {rel.get("Id") for rel in etree.fromstring(package.read(rels_name)).iter(RELS)}
            for element in root.iter():
                for attribute, value in element.attrib.items():
                    if attribute.startswith(f"{{{R}}}") and value not in ids:
                        local = etree.QName(element).localname
                        problems.append(f"{part}: <{local} r:{etree.QName(attribute).localname}={value!r}> has no relationship")
    return problems
