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
//   lectern-manifests-v1     the course list and manifests, discussions, announcements and
//                            the inbox, per signed-in token
//   lectern-media-v1         downloaded media, written by the player's downloads (not here)
//   lectern-worker-v1        the signed-in learner's token and id, written by the player,
//                            for Background Sync
//
// Background Sync: when a send fails for want of a network, the player registers the
// `lectern-sync` tag; the browser wakes this worker once it is back online (even with every
// tab closed), and the worker sends the outbox from IndexedDB itself, under the same Web
// Lock the tabs send under, deleting only what the server stored or already held.
"use strict";

const SHELL_CACHE = `lectern-shell-${LECTERN_BUILD.version}`;
const SHELL_PREFIX = "lectern-shell-";
const MANIFEST_CACHE = "lectern-manifests-v1";
const MEDIA_CACHE = "lectern-media-v1";
const INDEX = "/index.html";
// The page LMS sites may frame: the server names their origins in its `frame-ancestors`,
// which the shell's own index.html (`frame-ancestors 'none'`) must not stand in for.
const EMBEDDED_PAGE = /^\/(launch|embed)(\/|$)/;
const EMBEDDED_PAGE_KEY = "/__lectern/embedded-page";
const SHELL_FILES = new Set(LECTERN_BUILD.files);
const MANIFEST_PATH = /^\/api\/v1\/courses(\/[^/]+)?$/;
// Discussions, announcements and the inbox: read offline from the last copy, like manifests.
const KEPT_API_PATH =
  /^\/api\/v1\/(courses\/[^/]+\/(threads|announcements)|threads\/[^/]+|notifications)$/;
const MEDIA_PREFIX = "/media/";
const WORKER_CACHE = "lectern-worker-v1";
const SESSION_KEY = "/__lectern/session";
const SYNC_TAG = "lectern-sync";
const SYNC_LOCK = "lectern-sync";
const EVENTS_URL = "/api/v1/events";
const MAX_BATCH = 200;

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
  if (!data || typeof data !== "object") return;
  if (data.type === "lectern.skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "lectern.send-outbox") {
    // What a `sync` event does, on request (the browser decides when `sync` fires).
    event.waitUntil(sendOutbox().catch(() => {}));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(sendOutbox());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SHELL_FILES.has(url.pathname)) {
    event.respondWith(shellFirst(url.pathname, request));
  } else if (MANIFEST_PATH.test(url.pathname) || KEPT_API_PATH.test(url.pathname)) {
    event.respondWith(networkFirst(request, url));
  } else if (url.pathname.startsWith(MEDIA_PREFIX)) {
    event.respondWith(downloadedOrNetwork(request));
  } else if (request.mode === "navigate" && EMBEDDED_PAGE.test(url.pathname)) {
    event.respondWith(embeddedPage(request));
  } else if (request.mode === "navigate") {
    // Every other page is a route of the single-page app.
    event.respondWith(shellFirst(INDEX, request));
  }
});

/**
 * An embedded page from the network, with the server's `frame-ancestors`; the last one kept
 * (for this build) when there is no network, so a downloaded course still opens in the
 * LMS's frame offline.
 */
async function embeddedPage(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(EMBEDDED_PAGE_KEY, response.clone()).catch(() => {});
    return response;
  } catch (networkError) {
    const kept = await cache.match(EMBEDDED_PAGE_KEY);
    if (kept) return kept;
    throw networkError;
  }
}

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

/** Sends the signed-in learner's outbox; throws (so the browser retries) on a network error. */
async function sendOutbox() {
  const session = await readSession();
  if (!session) return;
  const send = () => sendBatches(session);
  return self.navigator.locks ? self.navigator.locks.request(SYNC_LOCK, send) : send();
}

async function readSession() {
  const cache = await caches.open(WORKER_CACHE);
  const stored = await cache.match(SESSION_KEY);
  if (!stored) return null;
  const session = await stored.json().catch(() => null);
  const isValid = session && typeof session.token === "string" && typeof session.user_id === "string";
  return isValid ? session : null;
}

async function sendBatches(session) {
  const db = await openPlayerDb();
  if (!db) return;
  try {
    const records = await request(
      db.transaction("outbox").objectStore("outbox").index("by_user").getAll(session.user_id),
    );
    const events = records
      .map((record) => {
        try {
          return JSON.parse(record.event_json);
        } catch {
          return null; // the player sets an unreadable record aside itself
        }
      })
      .filter((event) => event && typeof event.event_id === "string")
      .sort((a, b) => (a.device_id === b.device_id ? a.sequence - b.sequence : a.device_id < b.device_id ? -1 : 1));
    for (let start = 0; start < events.length; start += MAX_BATCH) {
      const response = await fetch(EVENTS_URL, {
        method: "POST",
        headers: { Authorization: `Bearer ${session.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ events: events.slice(start, start + MAX_BATCH) }),
      });
      // Signed out, or refused: the player shows it and asks, next time it is open.
      if (response.status === 401 || response.status === 400 || response.status === 413) return;
      if (!response.ok) throw new Error(`the events endpoint answered ${response.status}`);
      const answer = await response.json();
      const kept = (answer.results || [])
        .filter((result) => result.status === "stored" || result.status === "duplicate")
        .map((result) => result.event_id);
      const tx = db.transaction("outbox", "readwrite");
      for (const eventId of kept) tx.objectStore("outbox").delete(eventId);
      await done(tx);
    }
  } finally {
    db.close();
  }
}

/** The player's database as it is, or null: this worker never creates nor upgrades it. */
function openPlayerDb() {
  return new Promise((resolve) => {
    const opening = indexedDB.open("lectern");
    opening.onupgradeneeded = () => opening.transaction.abort();
    opening.onerror = () => resolve(null);
    opening.onblocked = () => resolve(null);
    opening.onsuccess = () => {
      const db = opening.result;
      db.onversionchange = () => db.close();
      resolve(db.objectStoreNames.contains("outbox") ? db : (db.close(), null));
    };
  });
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
