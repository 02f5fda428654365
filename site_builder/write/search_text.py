"""Search stage, vocabulary: what of a page Pagefind can read, as a digest.

A story page is rewritten when a neighbour's headline changes (its "Newer" and
"Older" links, its related stories), but Pagefind does not index those parts
(``data-pagefind-ignore``): such a page need not re-index its shard. The digest
keeps every tag and attribute of the page and all its text but that of ignored
elements, so two pages with equal digests give Pagefind the same input.

It errs on the side of re-indexing: an ignored element whose end tag HTML lets a
writer leave out (``<p>``, ``<li>``...), or one that holds a heading ``h1`` (the
default result title) or any other ``data-pagefind-`` attribute (metadata, filters,
whose values are element text), has its text kept; a page whose ignored element
never closes has no digest (None): compare its bytes.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

IGNORE = "data-pagefind-ignore"
# Elements without content, and those whose end tag may be left out (the HTML
# standard's lists): the text of an ignored one of these is always kept, since
# where it ends depends on what follows.
_VOID = "area base br col embed hr img input link meta source track wbr"
_OPTIONAL_END = (
    "p li dt dd rt rp optgroup option colgroup caption thead tbody tfoot tr td th "
    "html head body"
)


def search_digest(page: bytes) -> str | None:
    """A digest of what Pagefind reads of ``page`` (see the module's docstring);
    None when the page cannot be read that way (compare its bytes instead)."""
    reader = _Reader()
    reader.feed(page.decode("utf-8", "surrogateescape"))
    reader.close()
    if reader.unsure:
        return None
    return reader.digest.hexdigest()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.digest = hashlib.sha1()
        self.ignored: str | None = None  # the ignored element's tag, while inside
        self.depth = 0  # of that tag, nested in itself
        self.held: list[tuple[bool, bytes]] = []  # its (is text, event), in order
        self.keep = False  # the ignored element holds something Pagefind reads
        self._unsure = False

    @property
    def unsure(self) -> bool:
        return self._unsure or self.ignored is not None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag("<", tag, attrs)
        if self.ignored is None:
            if any(name == IGNORE for name, _ in attrs) and tag not in _VOID.split():
                if tag in _OPTIONAL_END.split():
                    return  # its text is kept: where it ends is not sure
                self.ignored, self.depth, self.held = tag, 1, []
                self.keep = _reads(attrs, but=IGNORE)
            return
        self.depth += tag == self.ignored
        self.keep = self.keep or tag == "h1" or _reads(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag("/", tag, attrs)
        self.keep = self.keep or (self.ignored is not None and _reads(attrs))

    def handle_endtag(self, tag: str) -> None:
        self._tag(">", tag, [])
        if tag != self.ignored:
            return
        self.depth -= 1
        if self.depth == 0:
            held, self.ignored = self.held, None
            for text, event in held:
                if self.keep or not text:
                    self.digest.update(event)

    def handle_data(self, data: str) -> None:
        self._event(True, b"\0" + data.encode("utf-8", "surrogateescape") + b"\0")

    def handle_comment(self, data: str) -> None:
        self._event(True, f"<!--{data}-->".encode("utf-8", "surrogateescape"))

    def handle_decl(self, decl: str) -> None:
        self._event(False, f"<!{decl}>".encode("utf-8", "surrogateescape"))

    def handle_pi(self, data: str) -> None:
        self._event(False, f"<?{data}>".encode("utf-8", "surrogateescape"))

    def unknown_decl(self, data: str) -> None:
        self._unsure = True

    def _tag(self, kind: str, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event(False, repr((kind, tag, attrs)).encode("utf-8", "surrogateescape"))

    def _event(self, text: bool, event: bytes) -> None:
        if self.ignored is None:
            self.digest.update(event)
        else:
            self.held.append((text, event))


def _reads(attrs: list[tuple[str, str | None]], but: str = "") -> bool:
    """Whether ``attrs`` ask Pagefind to read something (metadata, a filter...)."""
    return any(n.startswith("data-pagefind-") and n != but for n, _ in attrs)
