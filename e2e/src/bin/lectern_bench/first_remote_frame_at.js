// Resolves with performance.now() (ms since this page's navigation began) when the
// instructor's camera video on the live stage presents its first frame.
const done = arguments[arguments.length - 1];
const selector = ".stage-tile[data-user-id='instructor1'][data-content='camera'] video";
const look = () => {
  const video = document.querySelector(selector);
  if (video && video.videoWidth > 0) {
    done(performance.now());
  } else if (video && video.requestVideoFrameCallback) {
    video.requestVideoFrameCallback(() => done(performance.now()));
  } else {
    setTimeout(look, 5);
  }
};
look();
