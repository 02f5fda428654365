"""Publish to S3 or an S3-compatible store: changed files uploaded, gone ones deleted.

Target ``s3://bucket/prefix``; ``--endpoint-url`` for other stores (path-style
addressing then). Credentials come from boto3's usual chain (AWS_* variables, the
shared files, a profile) and are never shown. A file is unchanged when the object's ETag
is its MD5: every upload is one ``put_object``, whose ETag is exactly that. Assets go
first and pages last, deletions after both, so a visitor never meets a page whose assets
are missing; an interrupted publish is completed by running it again.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from site_builder.errors import PublishError
from site_builder.publish.plan import (
    Advance,
    Destination,
    LocalFile,
    Plan,
    is_page,
    make_plan,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

_SHORT = "public, max-age=300"  # pages and feeds: new briefs show within minutes
_DAY = "public, max-age=86400"  # assets without a hash in their name may still change
_YEAR = "public, max-age=31536000, immutable"  # named by their content hash
_HASHED = re.compile(r"(^|/)pagefind/(fragment|index)/|\.[0-9a-f]{8,}\.[a-z0-9]+$")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
    ".pdf": "application/pdf",
}
_DELETE_BATCH = 1000  # the most keys one DeleteObjects call takes


def content_type(path: str, head: bytes) -> str:
    """The Content-Type for ``path``; feeds are told apart by their first bytes."""
    suffix = "." + path.rpartition(".")[2].lower() if "." in path else ""
    if suffix in (".xml", ".atom", ".rss"):
        if b"<feed" in head:
            return "application/atom+xml"
        if b"<rss" in head:
            return "application/rss+xml"
    if suffix == ".json" and b"jsonfeed.org/version" in head:
        return "application/feed+json"
    guessed = mimetypes.guess_type(path, strict=False)[0]
    return _TYPES.get(suffix) or guessed or "application/octet-stream"


def cache_control(path: str) -> str:
    if _HASHED.search(path):
        return _YEAR
    if path.startswith(("static/", "pagefind/")) and not path.endswith(".json"):
        return _DAY
    return _SHORT


def split_target(url: str) -> tuple[str, str]:
    """``s3://bucket/prefix`` -> (bucket, ``prefix/`` or "")."""
    parts = urlsplit(url)
    if not parts.netloc:
        raise PublishError(f"{url}: no bucket; write s3://bucket/prefix")
    prefix = parts.path.strip("/")
    return parts.netloc, f"{prefix}/" if prefix else ""


class S3Publisher:
    """output/ mirrored under one bucket prefix."""

    def __init__(self, destination: Destination, client: S3Client) -> None:
        self.target = destination.url
        self.bucket, self.prefix = split_target(destination.url)
        self.client = client
        self.local: Mapping[str, LocalFile] = {}

    def plan(self, local: Mapping[str, LocalFile]) -> Plan:
        self.local = local
        remote = self._listing()
        return make_plan(
            self.target,
            local,
            added=[p for p in local if p not in remote],
            changed=[p for p in local if p in remote and remote[p] != local[p].md5],
            deleted=[p for p in remote if p not in local],
        )

    def _listing(self) -> dict[str, str]:
        """Relative path -> ETag of every object under the prefix."""
        found: dict[str, str] = {}
        pages = self.client.get_paginator("list_objects_v2")
        with _failures(f"listing {self.target}"):
            for page in pages.paginate(Bucket=self.bucket, Prefix=self.prefix):
                for item in page.get("Contents", []):
                    key = item.get("Key", "")
                    if key.endswith("/"):
                        continue  # a folder marker some tools create
                    found[key[len(self.prefix) :]] = item.get("ETag", "").strip('"')
        return found

    def apply(self, plan: Plan, advance: Advance) -> None:
        sends = sorted(
            (*plan.added, *plan.changed), key=lambda c: (is_page(c.path), c.path)
        )
        for change in sends:
            self._upload(self.local[change.path])
            advance(change.size)
        keys = [self.prefix + c.path for c in plan.deleted]
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = keys[start : start + _DELETE_BATCH]
            with _failures(f"deleting old files from {self.target}"):
                answer = self.client.delete_objects(
                    Bucket=self.bucket,
                    Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True},
                )
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise PublishError(
                    f"could not delete {len(answer['Errors'])} files from {self.target}"
                    f" ({first.get('Key')}: {first.get('Message')}); run the same"
                    " command again to retry"
                )

    def _upload(self, file: LocalFile) -> None:
        data = file.full.read_bytes()
        with _failures(f"uploading {file.path} to {self.target}"):
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.prefix + file.path,
                Body=data,
                ContentType=content_type(file.path, data[:512]),
                CacheControl=cache_control(file.path),
                ContentMD5=base64.b64encode(bytes.fromhex(file.md5)).decode("ascii"),
            )


@contextmanager
def _failures(what: str) -> Iterator[None]:
    """boto3's errors as a PublishError that says what failed and how to resume."""
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    try:
        yield
    except NoCredentialsError as error:
        raise PublishError(
            f"{what} failed: no S3 credentials; set AWS_ACCESS_KEY_ID and"
            " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"
        ) from error
    except (BotoCoreError, ClientError) as error:
        raise PublishError(
            f"{what} failed: {error}; files already sent stay, and running the same"
            " command again completes the publish"
        ) from error


def _client(endpoint_url: str | None) -> Any:
    try:
        import boto3
        from botocore.config import Config as BotoConfig
    except ImportError as error:
        raise PublishError(
            "s3:// targets need boto3: pip install 'site-builder[s3]'"
        ) from error
    # Retries are left to boto3's settings (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE).
    settings = BotoConfig(
        connect_timeout=10,
        read_timeout=60,
        # Most S3-compatible stores (MinIO, s3rver, Ceph) only answer path-style.
        s3={"addressing_style": "path"} if endpoint_url else None,
    )
    with _failures("connecting to S3"):
        return boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url, config=settings
        )


@contextmanager
def open_s3(destination: Destination) -> Iterator[S3Publisher]:
    yield S3Publisher(destination, _client(destination.endpoint_url))
