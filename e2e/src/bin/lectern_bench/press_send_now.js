// Presses the sync page's "Send now" (arguments[0]) and times, in page time, how long until
// the header's sync indicator (arguments[1]) says `synced` again after showing events
// waiting. Returns "pressed" at once (or why it could not press); the outcome lands in
// `window.lecternSyncBench.outcome`: { synced_ms, waiting_ms, states } once synced, where
// waiting_ms is when the indicator first left `synced` and states lists every state shown
// with when, or { error, states } if it showed `failing`, `offline` or `storage-failed`.
const [buttonCss, indicatorCss] = arguments;
const button = document.querySelector(buttonCss);
const stateNow = () => document.querySelector(indicatorCss)?.getAttribute("data-sync-state");
if (button === null) {
  return `nothing matches ${buttonCss}`;
}
if (stateNow() !== "synced") {
  return `the sync indicator says ${stateNow()} before "Send now": the player found the events by itself`;
}
const bench = { states: [], outcome: null };
window.lecternSyncBench = bench;
let waitingAt = null;
const finish = (outcome) => {
  observer.disconnect();
  bench.outcome = { ...outcome, states: bench.states };
};
const check = () => {
  if (bench.outcome !== null) return;
  const state = stateNow();
  const at = performance.now() - pressedAt;
  if (bench.states.length === 0 || bench.states[bench.states.length - 1].state !== state) {
    bench.states.push({ state, at_ms: at });
  }
  if (state === "failing" || state === "offline" || state === "storage-failed") {
    finish({ error: `the sync indicator went ${state}` });
  } else if (state !== "synced" && waitingAt === null) {
    waitingAt = at;
  } else if (state === "synced" && waitingAt !== null) {
    finish({ synced_ms: at, waiting_ms: waitingAt });
  }
};
const observer = new MutationObserver(check);
observer.observe(document.body, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ["data-sync-state"],
});
const pressedAt = performance.now();
button.click();
check();
return "pressed";
