/*
 * Lectern embed helper, protocol version 1. An LMS page includes this script to put the
 * Lectern player in an iframe and talk to it:
 *
 *   const player = Lectern.embed(container, { launchUrl, title: "Astronomy 101" });
 *   await player.ready;                       // the player has loaded
 *   player.addEventListener("progress", (event) => console.log(event.detail.position));
 *   await player.seek(30);                    // every command answers with a promise
 *   const state = await player.getState();
 *
 * Commands: play(), pause(), seek(seconds), goto(lessonId), getState().
 * Events (on the player object, and as "lectern:<name>" DOM events on the iframe):
 * ready, progress, completed, scored, error, resize. The frame follows the player's
 * content height by itself. Messages go only to, and are taken only from, the player's
 * exact origin (the launch URL's), never "*". See docs/embedding.md.
 */
(function () {
  "use strict";

  const PROTOCOL = 1;
  const EVENTS = ["ready", "progress", "completed", "scored", "error", "resize"];

  class LecternPlayer extends EventTarget {
    constructor(iframe, playerOrigin, timeoutMs) {
      super();
      this.iframe = iframe;
      this.origin = playerOrigin;
      this.timeoutMs = timeoutMs;
      this.nextRequest = 1;
      this.pending = new Map();
      this.isReady = false;
      this.queued = [];
      this.ready = new Promise((resolve) => {
        this.resolveReady = resolve;
      });
      this.onMessage = (event) => this.take(event);
      window.addEventListener("message", this.onMessage);
    }

    play() { return this.command({ command: "play" }); }
    pause() { return this.command({ command: "pause" }); }
    seek(seconds) {
      if (typeof seconds !== "number" || !isFinite(seconds) || seconds < 0) {
        return Promise.reject(new RangeError("seek needs a number of seconds, 0 or more"));
      }
      return this.command({ command: "seek", seconds });
    }
    goto(lessonId) {
      if (typeof lessonId !== "string" || lessonId === "") {
        return Promise.reject(new TypeError("goto needs a lesson id"));
      }
      return this.command({ command: "goto", lesson_id: lessonId });
    }
    getState() {
      return this.command({ command: "getState" }).then((reply) => reply.state);
    }

    /** Stops listening and removes the frame. */
    destroy() {
      window.removeEventListener("message", this.onMessage);
      for (const { reject, timer } of this.pending.values()) {
        clearTimeout(timer);
        reject(new Error("the player was removed"));
      }
      this.pending.clear();
      this.iframe.remove();
    }

    command(body) {
      const id = "r" + this.nextRequest++;
      const message = Object.assign({ lectern: PROTOCOL, type: "command", id }, body);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error("the player did not answer " + body.command + " in time"));
        }, this.timeoutMs);
        this.pending.set(id, { resolve, reject, timer });
        if (this.isReady) {
          this.post(message);
        } else {
          this.queued.push(message);
        }
      });
    }

    post(message) {
      const target = this.iframe.contentWindow;
      if (target) {
        target.postMessage(message, this.origin);
      }
    }

    take(event) {
      if (event.source !== this.iframe.contentWindow || event.origin !== this.origin) {
        return;
      }
      const data = event.data;
      if (!data || typeof data !== "object" || data.lectern !== PROTOCOL) {
        return;
      }
      if (data.type === "reply") {
        this.answer(data);
      } else if (data.type === "event" && EVENTS.includes(data.event)) {
        this.tell(data);
      }
    }

    answer(reply) {
      const waiting = this.pending.get(reply.id);
      if (!waiting) {
        return;
      }
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.ok) {
        waiting.resolve(reply);
      } else {
        const problem = reply.error || {};
        const error = new Error(problem.message || "the player refused the command");
        error.code = problem.code;
        waiting.reject(error);
      }
    }

    tell(event) {
      if (event.event === "resize" && Number.isFinite(event.height) && event.height > 0) {
        this.iframe.style.height = Math.ceil(event.height) + "px";
      }
      if (event.event === "ready") {
        this.isReady = true;
        this.resolveReady(event);
        const queued = this.queued;
        this.queued = [];
        queued.forEach((message) => this.post(message));
      }
      this.dispatchEvent(new CustomEvent(event.event, { detail: event }));
      this.iframe.dispatchEvent(new CustomEvent("lectern:" + event.event, { detail: event }));
    }
  }

  /**
   * Puts the player in `container`, opened at `options.launchUrl` (from POST
   * /api/v1/launches), and returns a LecternPlayer.
   * Options: launchUrl (required), title (the frame's accessible name), height (the
   * starting height in px, 480 by default), timeoutMs (how long a command may take, 10 s).
   */
  function embed(container, options) {
    if (!container || !options || typeof options.launchUrl !== "string") {
      throw new TypeError("Lectern.embed(container, { launchUrl }) needs a container and a launch URL");
    }
    const url = new URL(options.launchUrl, window.location.href);
    const iframe = document.createElement("iframe");
    iframe.title = options.title || "Lectern course player";
    iframe.allow = "autoplay; fullscreen; picture-in-picture";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.display = "block";
    iframe.style.height = (options.height || 480) + "px";
    const player = new LecternPlayer(iframe, url.origin, options.timeoutMs || 10000);
    iframe.src = url.href;
    container.appendChild(iframe);
    return player;
  }

  window.Lectern = Object.freeze({ embed, PROTOCOL });
})();
