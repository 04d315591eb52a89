"""Every use of python-pptx's private API, named and explained.

python-pptx has no public way to do a few things the writer needs: add a
relationship without scanning all of them, name parts without walking the
package, replace an opaque part's bytes, visit table rows without re-listing
them, write a zip with fixed dates. Each is wrapped here, once, with the
reason; nothing else in the build touches a `_`-prefixed python-pptx name.
The python-pptx version is bounded in pyproject.toml because of this module.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO, Callable, Iterator

from pptx.opc.package import OpcPackage, _Relationship
from pptx.package import Package
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _ZipPkgWriter
from pptx.parts.image import Image, ImagePart
from pptx.table import _Row

_NUMBERED = re.compile(r"^(.*?)(\d+)(\.[A-Za-z]+)$")


# --- relationships ------------------------------------------------------------------


def add_new_relationship(source_part, reltype: str, target_part) -> str:
    """Relate `target_part`, which is new and so cannot be related yet, without the
    scan python-pptx's `relate_to` makes for an existing relationship (quadratic
    over a deck's slides). Returns the new rId."""
    rels = source_part.rels
    rId = rels._next_rId
    rels._rels[rId] = _Relationship(rels._base_uri, rId, reltype, target_mode="Internal", target=target_part)
    return rId


def add_slide_id(slide_id_list, slide_id: int, rId: str) -> None:
    """A `p:sldId` in the presentation's slide list, as python-pptx's `add_slide` writes it."""
    slide_id_list._add_sldId(id=slide_id, rId=rId)


def package_relationships(package: OpcPackage) -> list:
    """The package's own relationships (python-pptx only offers a walk of every
    relationship of every part)."""
    return list(package._rels.values())


def drop_package_relationship(package: OpcPackage, rId: str) -> None:
    package._rels.pop(rId)


def has_relationships(part) -> bool:
    """Whether the part has any relationships, without creating an empty collection."""
    return bool(part._rels)


def relationship_base(rel) -> str:
    """The folder a relationship's target is relative to."""
    return rel._base_uri


def part_element(part):
    """The XML of a part python-pptx parses (slides, masters, layouts), else None
    (a part it keeps as opaque bytes, such as the theme): parts expose no element."""
    return getattr(part, "_element", None)


def replace_blob(part, blob: bytes) -> None:
    """New bytes for a part python-pptx loads as opaque bytes (theme, presProps,
    app.xml): it has no setter for them."""
    part._blob = blob


def clear_core_properties(core_properties_part) -> None:
    """Empty docProps/core.xml, so only what the writer sets is in it: python-pptx
    exposes the properties one by one, and a template's core.xml holds whatever
    its author's tools put there (last printed, description, last modified by)."""
    element = core_properties_part._element
    for child in list(element):
        element.remove(child)


# --- text -------------------------------------------------------------------------


def text_body(text_frame):
    """A text frame's `p:txBody`/`a:txBody` element: the writer builds paragraphs and
    runs as XML, about ten times faster than python-pptx's run API, and its
    TextFrame does not expose the element."""
    return text_frame._txBody


# --- tables -------------------------------------------------------------------------


def table_rows(table) -> Iterator[_Row]:
    """A table's rows in one pass: python-pptx's row sequence re-lists every row on
    each step, which is quadratic in a long table."""
    return (_Row(tr, table) for tr in table._tbl.tr_lst)


def set_row_height(row: _Row, height: int) -> None:
    """A row's height alone: python-pptx's setter then re-adds every row's height to
    resize the table's frame, quadratic in a long table. The writer makes the frame
    its final height (the sum of the rows) to begin with."""
    row._tr.h = height


# --- a package that names parts and finds pictures in constant time -------------------


class IndexedPackage(Package):
    """python-pptx's package, naming new parts and finding pictures from indexes.

    python-pptx finds each new part's name by walking every part of the package
    and looks up existing pictures the same way; over a deck both are quadratic.
    An opened package is switched to this class in place (`index`), so every
    python-pptx code path that creates parts uses the indexes.
    """

    @classmethod
    def index(cls, package: Package) -> "IndexedPackage":
        package.__class__ = cls
        package._build_index()
        return package

    def _build_index(self) -> None:
        self._segue_next: dict[str, int] = {}
        self._segue_images: dict[str, ImagePart] = {}
        for part in self.iter_parts():  # the one walk over the package
            found = _NUMBERED.match(str(part.partname))
            if found:
                prefix = found.group(1)
                self._segue_next[prefix] = max(self._segue_next.get(prefix, 1), int(found.group(2)) + 1)
            if isinstance(part, ImagePart):
                self._segue_images[part.sha1] = part

    def _take(self, prefix: str) -> int:
        number = self._segue_next.get(prefix, 1)
        self._segue_next[prefix] = number + 1
        return number

    def next_partname(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        return PackURI(tmpl % self._take(prefix))

    def next_image_partname(self, ext: str) -> PackURI:
        return PackURI(f"/ppt/media/image{self._take('/ppt/media/image')}.{ext}")

    def get_or_add_image_part(self, image_file: str | IO[bytes]) -> ImagePart:
        image = Image.from_file(image_file)
        part = self._segue_images.get(image.sha1)
        if part is None:
            part = self._segue_images[image.sha1] = ImagePart.new(self, image)
        return part


# --- a zip with fixed dates ------------------------------------------------------------

_COMPRESSED_MEDIA = {"jpg", "jpeg", "png", "gif"}


class _DatedZipWriter(_ZipPkgWriter):
    """python-pptx's zip writer with one fixed date on every entry (it stamps the
    time of saving, so equal sources would give different bytes)."""

    def __init__(self, pkg_file, stamp: tuple[int, ...]) -> None:
        super().__init__(pkg_file)
        self._stamp = stamp

    def write(self, pack_uri, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self._stamp)
        # Pictures are compressed already; deflating them again costs time for nothing.
        compressed = pack_uri.membername.rsplit(".", 1)[-1].lower() in _COMPRESSED_MEDIA
        entry.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self._zipf.writestr(entry, blob)


class DatedPackageWriter(PackageWriter):
    """python-pptx's package writer, with the dated zip and our own .rels XML."""

    def __init__(self, pkg_file, pkg_rels, parts, stamp: tuple[int, ...], rels_xml: Callable) -> None:
        super().__init__(pkg_file, pkg_rels, parts)
        self._stamp = stamp
        self._rels_xml = rels_xml

    def _write(self) -> None:
        with _DatedZipWriter(self._pkg_file, self._stamp) as writer:
            self._write_content_types_stream(writer)
            self._write_pkg_rels(writer)
            for part in self._parts:
                writer.write(part.partname, part.blob)
                if has_relationships(part):
                    writer.write(part.partname.rels_uri, self._rels_xml(part.rels))


def write_package(package: OpcPackage, out: IO[bytes], stamp: tuple[int, ...], rels_xml: Callable) -> None:
    DatedPackageWriter(out, package._rels, tuple(package.iter_parts()), stamp, rels_xml)._write()


# --- charts --------------------------------------------------------------------------


def dated_chart_data(xy: bool, when):
    """python-pptx's chart data, whose embedded workbook (the chart's data, for editing)
    carries `when` as its creation date: XlsxWriter stamps the time of writing, so equal
    sources would give different bytes. The workbook writer is python-pptx's private class."""
    from contextlib import contextmanager

    from pptx.chart.data import CategoryChartData, XyChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
    from xlsxwriter import Workbook

    def dated(writer_class):
        class Dated(writer_class):
            @contextmanager
            def _open_worksheet(self, xlsx_file):
                workbook = Workbook(xlsx_file, {"in_memory": True})
                workbook.set_properties({"created": when})
                worksheet = workbook.add_worksheet()
                yield workbook, worksheet
                workbook.close()

        return Dated

    base, writer = (XyChartData, XyWorkbookWriter) if xy else (CategoryChartData, CategoryWorkbookWriter)
    writer_class = dated(writer)

    class Data(base):
        @property
        def _workbook_writer(self):
            return writer_class(self)

    return Data()


def chart_space(chart):
    """The `c:chartSpace` element of a python-pptx chart (held privately as `_chartSpace`)."""
    return chart._chartSpace
