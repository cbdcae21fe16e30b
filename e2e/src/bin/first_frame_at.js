// Resolves with milliseconds since navigation start at which the lecture's first video
// frame could first be shown: the player's performance mark, set on the video's first
// `loadeddata` (readyState reached HAVE_CURRENT_DATA). Resolves with a string when the
// video fails, and with null when there is no mark after 25 s (within WebDriver's default
// 30 s script timeout).
const done = arguments[arguments.length - 1];
const started = performance.now();
const poll = setInterval(() => {
  const mark = performance.getEntriesByName("lectern:first-frame")[0];
  const video = document.querySelector("video.media-element");
  if (mark) {
    clearInterval(poll);
    done(mark.startTime);
  } else if (video && video.error) {
    clearInterval(poll);
    done(`the video failed: code ${video.error.code} ${video.error.message}`);
  } else if (performance.now() - started > 25000) {
    clearInterval(poll);
    done(null);
  }
}, 10);
