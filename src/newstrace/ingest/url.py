"""Fetch articles from URLs: http(s) only, public addresses only, capped in size, time and redirects."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from newstrace.ingest.decode import InputError
from newstrace.settings import Settings


@dataclass(frozen=True)
class Fetched:
    url: str  # final URL after redirects
    body: bytes
    content_type: str


def is_url(value: str) -> bool:
    return "://" in value[:12]


def check_url(url: str, allow_private: bool) -> None:
    """Refuse schemes other than http(s), and private, loopback or link-local hosts unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"refused URL scheme {parts.scheme!r}: only http and https are fetched")
    if not parts.hostname:
        raise InputError("URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {parts.hostname}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise InputError(
                f"refused {parts.hostname}: it resolves to a non-public address ({address}); "
                "pass --allow-private to fetch from local networks"
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # we follow redirects ourselves, re-checking each
        return None


def fetch(url: str, settings: Settings) -> Fetched:
    opener = urllib.request.build_opener(_NoRedirect)
    for _ in range(settings.max_redirects + 1):
        check_url(url, settings.allow_private)
        request = urllib.request.Request(url, headers={"User-Agent": settings.user_agent,
                                                       "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"})
        try:
            response = opener.open(request, timeout=settings.fetch_timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urljoin(url, exc.headers["Location"])
                continue
            raise InputError(f"HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise InputError(f"fetch failed: {getattr(exc, 'reason', exc)}") from exc
        with response:
            body = response.read(settings.max_document_bytes + 1)
            if len(body) > settings.max_document_bytes:
                raise InputError(f"response over the size limit of {settings.max_document_bytes:,} bytes")
            return Fetched(url=response.geturl() or url, body=body,
                           content_type=response.headers.get("Content-Type", ""))
    raise InputError(f"more than {settings.max_redirects} redirects")
