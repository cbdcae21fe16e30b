// Lectern's service worker: the player starts with no network, course manifests fall back
// to the last copy, and downloaded media plays (and seeks) from Cache Storage.
//
// The build prepends `const LECTERN_BUILD = { version, files }` (xtask/hooks/precache.sh,
// run by Trunk after every build): the app shell's hashed files. A new build changes this
// file, so the browser installs the new worker beside the old one; it waits until the
// learner accepts the player's "new version" prompt, which posts `lectern.skip-waiting`.
//
// Caches:
//   lectern-shell-<version>  the app shell of one build; older ones go when a build activates
//   lectern-manifests-v1     the course list and manifests, per signed-in token
//   lectern-media-v1         downloaded media, written by the player's downloads (not here)
"use strict";

const SHELL_CACHE = `lectern-shell-${LECTERN_BUILD.version}`;
const SHELL_PREFIX = "lectern-shell-";
const MANIFEST_CACHE = "lectern-manifests-v1";
const MEDIA_CACHE = "lectern-media-v1";
const INDEX = "/index.html";
const SHELL_FILES = new Set(LECTERN_BUILD.files);
const MANIFEST_PATH = /^\/api\/v1\/courses(\/[^/]+)?$/;
const MEDIA_PREFIX = "/media/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(LECTERN_BUILD.files)),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE)
          .map((name) => caches.delete(name)),
      );
      // The first worker takes the page that registered it, so what the learner
      // downloads in this visit already plays through it.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data && typeof data === "object" && data.type === "lectern.skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(shellFirst(INDEX, request));
  } else if (SHELL_FILES.has(url.pathname)) {
    event.respondWith(shellFirst(url.pathname, request));
  } else if (MANIFEST_PATH.test(url.pathname)) {
    event.respondWith(networkFirst(request, url));
  } else if (url.pathname.startsWith(MEDIA_PREFIX)) {
    event.respondWith(downloadedOrNetwork(request));
  }
});

/** This build's copy of a shell file; the network only if the cache lost it. */
async function shellFirst(path, request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(path);
  return cached || fetch(request);
}

/**
 * The server's answer, kept for later; without a network, the last kept one, marked with
 * `Lectern-Offline-Copy: <when it was fetched, ms since the epoch>` so the player can say
 * it shows a saved copy. Entries are keyed by a hash of the Authorization header, so one
 * learner's copy (an instructor's holds answer keys) is never served to another.
 */
async function networkFirst(request, url) {
  const key = await keyFor(request, url);
  const cache = await caches.open(MANIFEST_CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (networkError) {
    const cached = await cache.match(key);
    if (!cached) throw networkError;
    const headers = new Headers(cached.headers);
    headers.set("Lectern-Offline-Copy", headers.get("Lectern-Fetched-At") || "0");
    // An old Date would mislead the player's estimate of the server's clock.
    headers.delete("Date");
    return new Response(cached.body, { status: cached.status, headers });
  }
  if (response.ok) {
    const headers = new Headers(response.headers);
    headers.set("Lectern-Fetched-At", String(Date.now()));
    const kept = new Response(await response.clone().blob(), { status: response.status, headers });
    await cache.put(key, kept).catch(() => {});
  }
  return response;
}

async function keyFor(request, url) {
  const authorization = request.headers.get("Authorization") || "";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(authorization));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  const keyed = new URL(url);
  keyed.searchParams.set("lectern-for", hex);
  return keyed.href;
}

/** A downloaded file, honouring `Range` so that a video seeks; otherwise the network. */
async function downloadedOrNetwork(request) {
  const cache = await caches.open(MEDIA_CACHE);
  const cached = await cache.match(request.url, { ignoreSearch: true, ignoreVary: true });
  if (!cached) return fetch(request);
  const range = request.headers.get("Range");
  if (!range) return cached;
  return partial(cached, range);
}

/** The `206` (or `416`) answer a server gives for `range` of the cached file. */
async function partial(cached, range) {
  const blob = await cached.blob();
  const size = blob.size;
  const type = cached.headers.get("Content-Type") || blob.type || "application/octet-stream";
  const span = parseRange(range, size);
  if (!span) {
    return new Response(null, {
      status: 416,
      headers: { "Content-Range": `bytes */${size}` },
    });
  }
  const [start, end] = span;
  return new Response(blob.slice(start, end + 1, type), {
    status: 206,
    headers: {
      "Content-Type": type,
      "Content-Length": String(end - start + 1),
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Accept-Ranges": "bytes",
    },
  });
}

/**
 * `bytes=a-b`, `bytes=a-` or `bytes=-n` (RFC 9110 §14.1.2) as `[start, end]` within
 * `size`, or `null` when it cannot be satisfied. Only the first range of a list is served,
 * which is what media elements ask for.
 */
function parseRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "") || size === 0) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return null;
  return [start, end];
}
