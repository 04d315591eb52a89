// The timekeeper: the run-of-show with the slide shown, the session's clock, each
// segment's time left; the clock started, paused and resumed here.
"use strict";

(async () => {
  const data = await Present.talk(null);
  const $ = (id) => document.getElementById(id);
  const body = document.querySelector("#rows tbody");
  const rows = [];
  const segmentCells = [];
  let current = null;

  data.segments.forEach((segment, index) => {
    const head = document.createElement("tr");
    head.className = "segment";
    const cell = document.createElement("td");
    cell.colSpan = 5;
    const name = document.createElement("span");
    name.textContent = segment.title + " · " + segment.start + "–" + segment.end + " · " + segment.planned;
    const left = document.createElement("span");
    left.className = "left";
    cell.append(name, left);
    head.append(cell);
    body.append(head);
    segmentCells.push(left);
    data.slides.filter((slide) => slide.segment === index).forEach((slide) => {
      const row = document.createElement("tr");
      for (const text of [slide.number, slide.start, slide.duration, slide.title, slide.speakers.join(", ")]) {
        const td = document.createElement("td");
        td.textContent = text;
        row.append(td);
      }
      body.append(row);
      rows[slide.number] = row;
    });
  });
  $("planned").textContent = "of " + data.planned;

  function show(state, message) {
    if (!state) return;
    const c = state.clock;
    $("elapsed").textContent = c.elapsed;
    $("standing").textContent = "Session: " + c.session_standing + " · Slide: " + c.countdown + " of " + c.allotment;
    $("standing").classList.toggle("over", c.behind >= 1);
    const button = $("clock-button");
    button.textContent = !c.started ? "Start the clock" : c.running ? "Pause the clock" : "Resume the clock";
    button.dataset.action = !c.started ? "start" : c.running ? "pause" : "resume";
    c.segments.forEach((segment, index) => {
      segmentCells[index].textContent = segment.left + (segment.over ? " over" : " left");
      segmentCells[index].classList.toggle("over", segment.over);
    });
    if (message.type === "clock") return;
    $("where").textContent = "Slide " + state.slide + "/" + state.slides + " · " + (state.pages || 0) + " pages connected";
    if (current !== state.slide) {
      if (rows[current]) rows[current].classList.remove("current");
      current = state.slide;
      rows[current].classList.add("current");
      rows[current].scrollIntoView({ block: "center", behavior: "smooth" });
    }
    document.body.dataset.slide = state.slide;
    document.body.dataset.seq = state.seq;
  }

  Present.follow(show);
  $("clock-button").addEventListener("click", (event) => Present.act(event.target.dataset.action || "start"));
  Present.stayAwake();
})();
