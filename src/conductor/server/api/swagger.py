"""Swagger UI at `/swagger-ui/index.html` (Conductor's path), over the `/api-docs` document.

Everything is served from this process: swagger-ui's own files come from the
`swagger-ui-bundle-v2` package (its `dist` folder inside the wheel), the page and its start-up
script are ours. Nothing is loaded from a CDN, so the page works on a closed network, and the
files are a fixed list: `/swagger-ui/<anything else>` is a 404, and the auth middleware can keep
its exact-path rule (`OPEN_PATHS`) for them.
"""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path
from typing import Final

from litestar import MediaType, Response, Router, get
from litestar.response import File, Redirect

from conductor.server.domain.errors import NotFound

log = logging.getLogger("conductor.server.api")

PREFIX: Final = "/swagger-ui"
INDEX: Final = f"{PREFIX}/index.html"

# swagger-ui's files the page uses, with their content types.
_DIST_FILES: Final = {
    "swagger-ui.css": "text/css",
    "index.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-standalone-preset.js": "text/javascript",
    "favicon-32x32.png": "image/png",
    "favicon-16x16.png": "image/png",
    "oauth2-redirect.html": "text/html",
    "oauth2-redirect.js": "text/javascript",
}
_INITIALIZER: Final = "swagger-initializer.js"

# Every path this module answers 200 on: the auth middleware lets the static ones through
# without a token (they are swagger-ui's public files and our start-up script; nothing about
# this server). The page itself is not in the list, so with auth on a browser is sent to the
# sign-in page first and comes back with the UI cookie, which then authorises `/api-docs`.
STATIC_PATHS: Final = frozenset({f"{PREFIX}/{name}" for name in (*_DIST_FILES, _INITIALIZER)})

# URLs are relative to the page, so the UI also works behind a proxy that mounts the server
# under a sub-path.
_PAGE: Final = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pyconductor API</title>
<link rel="stylesheet" href="./swagger-ui.css">
<link rel="stylesheet" href="./index.css">
<link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="./favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="./swagger-ui-bundle.js"></script>
<script src="./swagger-ui-standalone-preset.js"></script>
<script src="./swagger-initializer.js"></script>
</body>
</html>
"""

# A file, not an inline script, so the page's Content-Security-Policy can allow only the
# server's own scripts. `validatorUrl: null`: the default sends the document's URL to
# validator.swagger.io for a badge. The interceptor adds the web UI's header to same-origin
# calls so "Try it out" works for a user signed in to the UI (auth.py accepts the UI cookie
# for writes only with that header, which a foreign page cannot add).
_INITIALIZER_JS: Final = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: new URL("../api-docs", window.location.href).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
    requestInterceptor: function (request) {
      if (new URL(request.url, window.location.href).origin === window.location.origin) {
        request.headers["X-Requested-With"] = "pyconductor-ui";
      }
      return request;
    }
  });
});
"""

# Not the web UI's policy: swagger-ui sets inline styles (allowed here), and everything it
# loads or calls is this server.
_HEADERS: Final = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
_CACHE: Final = {"Cache-Control": "public, max-age=3600"}


def dist_folder() -> Path | None:
    """swagger-ui's files inside the installed `swagger-ui-bundle-v2` package (its folder is
    named after the swagger-ui version), or None when the package is missing."""
    try:
        vendor = Path(str(importlib.resources.files("swagger_ui_bundle") / "vendor"))
    except ModuleNotFoundError:
        return None
    folders = sorted(vendor.glob("swagger-ui-*"))
    return folders[-1] if folders else None


def swagger_router() -> Router:
    dist = dist_folder()
    if dist is None:
        log.warning("Swagger UI unavailable: the swagger-ui-bundle-v2 package is not installed")

    @get([PREFIX, "/swagger-ui.html"], include_in_schema=False)
    async def swagger_home() -> Redirect:
        return Redirect(INDEX)

    @get(INDEX, include_in_schema=False)
    async def swagger_page() -> Response[str]:
        if dist is None:
            raise NotFound("Swagger UI is not installed on this server (package swagger-ui-bundle-v2)")
        return Response(content=_PAGE, media_type=MediaType.HTML, headers=_HEADERS)

    @get(f"{PREFIX}/{_INITIALIZER}", include_in_schema=False)
    async def swagger_initializer() -> Response[str]:
        headers = {**_CACHE, "X-Content-Type-Options": "nosniff"}
        return Response(content=_INITIALIZER_JS, media_type="text/javascript", headers=headers)

    @get(f"{PREFIX}/{{name:str}}", include_in_schema=False)
    async def swagger_file(name: str) -> File:
        media_type = _DIST_FILES.get(name)
        if dist is None or media_type is None:
            raise NotFound(f"No such file: {PREFIX}/{name}")
        headers = {**_CACHE, "X-Content-Type-Options": "nosniff"}
        return File(
            path=dist / name, media_type=media_type, headers=headers, content_disposition_type="inline"
        )

    return Router(
        path="/",
        route_handlers=[swagger_home, swagger_page, swagger_initializer, swagger_file],
        include_in_schema=False,
    )
