// A presenter's phone: the clock, this slide and the next, their own lines in full and
// the others' as cues, who speaks next, and big buttons to move the talk.
"use strict";

(async () => {
  const me = document.body.dataset.me;
  const data = await Present.talk(me);
  const $ = (id) => document.getElementById(id);
  let shownSlide = null;

  function lines(slide) {
    const section = $("lines");
    section.replaceChildren();
    if (data.public) {
      section.append(paragraph("quiet", "No speaker notes are served in a public talk."));
      return;
    }
    if (!slide.lines.length) {
      section.append(paragraph("quiet", "No lines on this slide."));
      return;
    }
    for (const line of slide.lines) {
      const block = document.createElement("article");
      block.className = line.mine ? "mine" : line.everyone ? "everyone" : "cue";
      const who = document.createElement("h2");
      who.textContent = line.mine ? "You" : line.who;
      block.append(who);
      if (line.html !== null) {
        const text = document.createElement("div");
        text.innerHTML = line.html;
        block.append(text);
      } else {
        block.append(paragraph("", line.cue));
      }
      section.append(block);
    }
  }

  function paragraph(className, text) {
    const p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  // Who speaks next: the clicks still to come on this slide, else who opens the next one.
  function coming(state) {
    const next = data.slides[state.slide];
    const note = $("coming");
    note.className = "coming";
    if (state.click < state.clicks) {
      note.textContent = "Next: click " + (state.click + 1) + " of " + state.clicks + " on this slide";
    } else if (!next) {
      note.textContent = "This is the last slide.";
    } else if (!next.voices.length) {
      note.textContent = data.public ? "Next: " + next.speakers.join(", ") : "No one speaks on the next slide.";
    } else {
      const name = (id) => (id === me ? "you" : id === "" ? "all of you" : data.speakers[id]);
      const [first, ...then] = next.voices.map(name);
      const opens = first === "you" ? "You open" : first === "all of you" ? "All of you open" : first + " opens";
      note.textContent = opens + " the next slide" + (then.length ? ", then " + then.join(", ") : "") + ".";
      if (next.voices[0] === me) note.className = "coming you";
    }
  }

  function clock(state) {
    const c = state.clock;
    $("countdown").textContent = c.countdown + " of " + c.allotment;
    $("countdown").classList.toggle("over", c.over);
    $("standing").textContent = "Segment “" + c.segment + "”: " + c.segment_standing + " · Session: " + c.session_standing;
    $("waiting").hidden = c.started;
    document.body.classList.toggle("paused", c.started && !c.running);
  }

  function show(state, message) {
    if (!state) return;
    clock(state);
    if (message.type === "clock") return;
    const slide = data.slides[state.slide - 1];
    $("where").textContent = "Slide " + state.slide + "/" + state.slides + (state.clicks ? " · click " + state.click + "/" + state.clicks : "");
    Present.draw($("current"), data, state.slide, state.click, state, "small");
    $("current-title").textContent = slide.title;
    const next = data.slides[state.slide];
    Present.draw($("next"), data, next ? state.slide + 1 : 0, 0, state, "small");
    $("next-title").textContent = next ? "Next: " + next.title : "The end";
    if (shownSlide !== state.slide) {
      lines(slide);
      shownSlide = state.slide;
      window.scrollTo(0, 0);
    }
    coming(state);
    document.body.dataset.slide = state.slide;
    document.body.dataset.click = state.click;
    document.body.dataset.seq = state.seq;
  }

  Present.follow(show);
  $("forward").addEventListener("click", () => { Present.act("next"); Present.stayAwake(); });
  $("back").addEventListener("click", () => { Present.act("back"); Present.stayAwake(); });
  $("start").addEventListener("click", () => { Present.act("start"); Present.stayAwake(); });
  Present.stayAwake();
})();
