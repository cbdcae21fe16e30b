// Signs in through the JSON API from a same-origin page that does not load the player,
// and stores the session where the player keeps it, so the next navigation is a cold,
// signed-in start. Resolves true on success, or with the error text.
const done = arguments[arguments.length - 1];
const username = arguments[0];
fetch("/api/v1/session", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username, password: username }),
})
  .then(async (response) => {
    if (!response.ok) throw new Error(`sign-in answered ${response.status}`);
    const session = await response.json();
    // The shape of the player's StoredSessionV1 (src/state/session.rs): {token, user}.
    localStorage.setItem("lectern.session.v1", JSON.stringify({ token: session.token, user: session.user }));
    done(true);
  })
  .catch((error) => done(String(error)));
