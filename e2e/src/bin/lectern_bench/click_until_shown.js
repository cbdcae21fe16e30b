// Clicks the element matching arguments[0] and resolves with how long, in page time, the
// page took to show what the click leads to: an element matching arguments[1], and at least
// arguments[3] elements matching arguments[2]. Resolves with `{ in_dom_ms, shown_ms }`: when
// a MutationObserver first sees all of it in the page, and when the frame showing it has
// been drawn (the next animation frame, then the task after it). Resolves with a string when
// nothing matches arguments[0], or when it is not all shown within 25 s (within WebDriver's
// default 30 s script timeout).
const done = arguments[arguments.length - 1];
const [clickCss, shownCss, itemCss, itemCount] = arguments;
const target = document.querySelector(clickCss);
if (target === null) {
  done(`nothing matches ${clickCss}`);
} else {
  let isShown = false;
  const isReady = () =>
    document.querySelector(shownCss) !== null &&
    document.querySelectorAll(itemCss).length >= itemCount;
  const observer = new MutationObserver(() => check());
  const timeout = setTimeout(() => {
    observer.disconnect();
    const found = document.querySelectorAll(itemCss).length;
    done(`not shown within 25 s: ${shownCss} ${document.querySelector(shownCss) ? "present" : "absent"}, ${found} of ${itemCount} ${itemCss}`);
  }, 25000);
  const clickedAt = performance.now();
  const check = () => {
    if (isShown || !isReady()) return;
    isShown = true;
    observer.disconnect();
    clearTimeout(timeout);
    const inDom = performance.now() - clickedAt;
    requestAnimationFrame(() =>
      setTimeout(() => done({ in_dom_ms: inDom, shown_ms: performance.now() - clickedAt })),
    );
  };
  observer.observe(document.body, { childList: true, subtree: true });
  target.click();
  check();
}
