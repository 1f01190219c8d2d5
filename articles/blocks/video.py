"""Which video links a video block accepts, and the URLs the API gives for them.

Only YouTube and Vimeo videos, recognised by host and by a video id of the provider's
alphabet. The API never hands out the URL as typed: it rebuilds the provider's
canonical watch URL and its player URL from the id, so nothing else an editor, an
import or a translation put in the link (another host, a script, stray characters)
reaches a front end's iframe.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from ..safe_urls import is_safe_url

VIDEO_HOSTS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "www.youtube-nocookie.com": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_VIMEO_ID = re.compile(r"[0-9]{1,20}\Z")
# YouTube paths that end in the video id.
_YOUTUBE_ID_PATHS = ("/embed/", "/shorts/", "/live/", "/v/")


@dataclass(frozen=True)
class Video:
    provider: str  # youtube | vimeo
    id: str

    @property
    def url(self) -> str:
        """The provider's canonical page for the video."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://vimeo.com/{self.id}"

    @property
    def embed_url(self) -> str:
        """A player URL that needs no oEmbed round trip (and no network in tests);
        YouTube's without cookies."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}"
        return f"https://player.vimeo.com/video/{self.id}"


def _youtube_id(host: str, path: str, query: str) -> str:
    if host == "youtu.be":
        return path.strip("/")
    for prefix in _YOUTUBE_ID_PATHS:
        if path.startswith(prefix):
            return path.removeprefix(prefix).strip("/")
    if path.rstrip("/") == "/watch":
        return parse_qs(query).get("v", [""])[0]
    return ""


def parse_video_url(url: str | None) -> Video | None:
    """The YouTube or Vimeo video `url` links to, or None for any other link."""
    if not url or not is_safe_url(url):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return None
    provider = VIDEO_HOSTS.get(parts.hostname or "")
    if provider == "youtube":
        video_id = _youtube_id(parts.hostname, parts.path, parts.query)
        pattern = _YOUTUBE_ID
    elif provider == "vimeo":
        video_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        pattern = _VIMEO_ID
    else:
        return None
    return Video(provider, video_id) if pattern.match(video_id) else None
