// The screen: the slide shown, full size; keys and a clicker move the talk.
"use strict";

(async () => {
  const box = document.getElementById("slide");
  const data = await Present.talk(null);
  let black = false;

  function show(state) {
    if (!state) return;
    Present.draw(box, data, state.slide, state.click, state, "large");
    document.body.dataset.slide = state.slide;
    document.body.dataset.click = state.click;
    document.body.dataset.seq = state.seq;
    const next = state.click < state.clicks ? [state.slide, state.click + 1] : [state.slide + 1, 0];
    if (next[0] <= data.slides.length) Present.preload(next[0], next[1], state, "large");
  }
  Present.follow((state, message) => {
    if (message.type !== "clock") show(state);
  });

  // What a clicker sends: PageDown / PageUp, arrows, space; "b" or "." blacks the screen out.
  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "n", "N"]);
  const BACK = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p", "P"]);
  document.addEventListener("keydown", (event) => {
    if (event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    const state = Present.state();
    if (NEXT.has(event.key)) Present.act("next");
    else if (BACK.has(event.key)) Present.act("back");
    else if (event.key === "Home") Present.act("goto", 1);
    else if (event.key === "End") Present.act("goto", data.slides.length);
    else if (event.key === "f" || event.key === "F") {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    } else if (event.key === "b" || event.key === "B" || event.key === ".") {
      black = !black;
      document.body.classList.toggle("black", black);
    } else return;
    event.preventDefault();
    if (state) document.getElementById("hint").hidden = true;
  });
  document.getElementById("stage").addEventListener("click", () => Present.act("next"));
  Present.stayAwake();
  setTimeout(() => { document.getElementById("hint").hidden = true; }, 8000);
})();
