"""Ingest's HTTP answers, and the cache of earlier ones (ETag, Last-Modified)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Response:
    """A page's bytes; ``cached`` when the server answered 304 Not Modified."""

    url: str  # after redirects
    data: bytes
    content_type: str
    cached: bool = False

    @property
    def charset(self) -> str | None:
        message = Message()
        message["content-type"] = self.content_type
        charset = message.get_param("charset")
        return charset if isinstance(charset, str) else None


class HttpCache:
    """Validators (ETag, Last-Modified) and bodies of earlier 200 answers, on disk."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path] | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def lookup(self, url: str) -> tuple[dict[str, str], Path] | None:
        paths = self._paths(url)
        if paths is None or not paths[1].is_file():
            return None
        try:
            meta = json.loads(paths[0].read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return (meta, paths[1]) if meta.get("url") == url else None

    def store(self, url: str, headers: Message, response: Response) -> None:
        paths = self._paths(url)
        validators = {k: headers.get(k) for k in ("ETag", "Last-Modified")}
        if paths is None or not any(validators.values()):
            return
        meta = {"url": url, "final_url": response.url, "type": response.content_type}
        meta.update({k: v for k, v in validators.items() if v})
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        _atomic(paths[1], response.data)
        _atomic(paths[0], json.dumps(meta).encode())


def _atomic(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temp, path)
