// Fills the player's IndexedDB outbox, behind the running player's back, with
// arguments[1] valid `progressed` events of user arguments[0] in course arguments[2], written
// exactly as the player stores them: one `StoredEventV1` record per event in `outbox`
// (src/io/idb/outbox.rs: the event's API v1 JSON as text, keyed by its id, indexed by user)
// and the `device` record (`StoredDeviceV1`) advanced past them, all in one transaction, as
// `PlayerDb::record_events` does. The events continue this device's sequence (a new device
// id if it has none yet). Event n (from 0) is in lesson arguments[3][n % lessons], at
// position (n / lessons + 1) seconds of a lecture of arguments[4] ms, watched from its start,
// at arguments[5] + n ms since the Unix epoch: the rule `raw_ingest::progressed_event` uses.
// Resolves with { device_id, first_sequence, last_sequence, last_event, fill_ms }, or with
// the error text.
const done = arguments[arguments.length - 1];
const [userId, count, courseId, lessonIds, durationMs, firstAtMs] = arguments;
const startedAt = performance.now();
const isUuid = (text) =>
  typeof text === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text);
// jiff, which writes the player's event JSON, leaves out a zero fraction of a second.
const timestamp = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
const opening = indexedDB.open("lectern");
// No version asked for: the database the player made. If there is none, make none.
opening.onupgradeneeded = () => opening.transaction.abort();
opening.onerror = () => done(`the player's database did not open: ${opening.error}`);
opening.onsuccess = () => {
  const db = opening.result;
  const stores = ["outbox", "device"];
  if (!stores.every((name) => db.objectStoreNames.contains(name))) {
    db.close();
    done(`the player's database (version ${db.version}) has no ${stores.join(" and ")} stores`);
    return;
  }
  const tx = db.transaction(stores, "readwrite");
  const outbox = tx.objectStore("outbox");
  const devices = tx.objectStore("device");
  let filled = null;
  devices.get("this-device").onsuccess = (event) => {
    const known = event.target.result;
    // As `append` in outbox.rs: a stored device counts only with a valid id and sequence.
    const isKnown =
      known !== undefined &&
      isUuid(known.device_id) &&
      Number.isFinite(known.next_sequence) &&
      known.next_sequence >= 1;
    const deviceId = isKnown ? known.device_id : crypto.randomUUID();
    const first = isKnown ? Math.floor(known.next_sequence) : 1;
    const writtenAt = Date.now();
    let last = null;
    for (let n = 0; n < count; n += 1) {
      const position = (Math.floor(n / lessonIds.length) + 1) * 1000;
      // The fields in the order serde writes a `LearnerEvent`.
      const learnerEvent = {
        event_id: crypto.randomUUID(),
        device_id: deviceId,
        sequence: first + n,
        occurred_at: timestamp(firstAtMs + n),
        course_id: courseId,
        lesson_id: lessonIds[n % lessonIds.length],
        kind: "progressed",
        position_ms: position,
        duration_ms: durationMs,
        watched: [[0, position]],
      };
      // serde-wasm-bindgen writes `None` as undefined.
      outbox.put({
        event_key: learnerEvent.event_id,
        user_id: userId,
        event_json: JSON.stringify(learnerEvent),
        reason: undefined,
        written_at_ms: writtenAt,
      });
      last = learnerEvent;
    }
    devices.put({ device_key: "this-device", device_id: deviceId, next_sequence: first + count });
    filled = { device_id: deviceId, first_sequence: first, last_sequence: first + count - 1, last_event: last };
  };
  tx.oncomplete = () => {
    db.close();
    done({ ...filled, fill_ms: performance.now() - startedAt });
  };
  tx.onabort = () => {
    db.close();
    done(`the outbox was not filled: ${tx.error}`);
  };
};
