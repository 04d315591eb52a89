// What every page of a live talk shares: the token, the talk, one WebSocket that
// follows the talk (reconnecting by itself), moving the talk, drawing a slide, and
// keeping the screen awake.
"use strict";

const Present = (() => {
  const token = document.body.dataset.token || "";

  function address(path) {
    if (!token) return path;
    return path + (path.includes("?") ? "&" : "?") + "t=" + encodeURIComponent(token);
  }

  async function talk(me) {
    const response = await fetch(address("/api/talk" + (me ? "?as=" + encodeURIComponent(me) : "")));
    if (!response.ok) throw new Error("the talk could not be loaded: " + response.status);
    return response.json();
  }

  // The talk as the server last said it; every change comes with a higher seq.
  const listeners = [];
  let socket = null;
  let retry = 250;
  let timer = null;
  let latest = null;

  function connect() {
    clearTimeout(timer);
    if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) return;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + address("/ws"));
    socket.onopen = () => {
      retry = 250;
      showConnection(true);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      event.target.send(JSON.stringify({ seen: message.id }));  // a page that stops reading is dropped
      if (message.type === "state") latest = message;
      else if (message.type === "clock" && latest) latest = { ...latest, clock: message.clock };
      else if (message.type === "pictures" && latest) latest = { ...latest, pictures: message.ready };
      listeners.forEach((listener) => listener(latest, message));
    };
    socket.onclose = () => {
      socket = null;
      showConnection(false);
      timer = setTimeout(connect, retry);
      retry = Math.min(retry * 2, 4000);
    };
  }

  function showConnection(open) {
    const note = document.getElementById("connection");
    if (note) note.hidden = open;
    document.body.dataset.connected = open ? "yes" : "no";
  }

  // A phone that wakes or finds the network again reconnects at once.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") connect();
  });
  window.addEventListener("online", connect);

  function follow(listener) {
    listeners.push(listener);
    connect();
  }

  // Through the WebSocket when it is open, else over HTTP (a tap while reconnecting still counts).
  function act(action, slide) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(slide === undefined ? { do: action } : { do: action, slide }));
      return;
    }
    const path = action === "goto" ? "/api/goto/" + slide : "/api/" + action;
    fetch(address(path), { method: "POST" }).catch(() => {});
  }

  // A slide at a click: the picture LibreOffice drew once the server has them, else the
  // slide's text in the built-in look, with what later clicks reveal hidden.
  function draw(box, data, number, click, state, size) {
    const slide = data.slides[number - 1];
    if (!slide) {
      box.replaceChildren();
      box.dataset.slide = "";
      return;
    }
    const key = number + "/" + click + "/" + (state && state.pictures ? "p" : "t");
    if (box.dataset.drawn === key) return;
    box.dataset.drawn = key;
    box.dataset.slide = number;
    box.dataset.click = click;
    if (state && state.pictures) {
      const picture = new Image();
      picture.alt = "Slide " + number + ": " + slide.title;
      picture.src = address("/slides/" + number + "/" + click + "/" + size + ".jpg");
      box.replaceChildren(picture);
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = slide.html;
    const frame = template.content.firstElementChild;
    const shown = click > 0 ? slide.steps[Math.min(click, slide.steps.length) - 1] : 0;
    frame.querySelectorAll("[data-step]").forEach((element) => {
      if (Number(element.dataset.step) > shown) element.classList.add("later");
    });
    frame.querySelectorAll("img[data-picture]").forEach((image) => {
      image.src = address("/pictures/" + image.dataset.picture);
    });
    frame.style.setProperty("--accent", data.accent);
    box.replaceChildren(frame);
    fit(box);
  }

  // The text look is laid out at 960 × 540 and scaled to its box.
  function fit(box) {
    const frame = box.firstElementChild;
    if (frame && frame.classList.contains("slide")) {
      frame.style.transform = "scale(" + box.clientWidth / 960 + ")";
    }
  }
  window.addEventListener("resize", () => document.querySelectorAll(".slide-box").forEach(fit));

  function preload(number, click, state, size) {
    if (state && state.pictures) new Image().src = address("/slides/" + number + "/" + click + "/" + size + ".jpg");
  }

  // The screen stays awake: the Wake Lock API where the browser offers it (on this
  // computer, or over HTTPS); elsewhere (a phone on the venue's network, over plain HTTP)
  // a muted video playing in a loop, which phones do not sleep through. awake.webm and
  // awake.mp4 are two seconds of black and silence (made with ffmpeg from its `color`
  // and `anullsrc` sources), a couple of kilobytes each.
  let lock = null;
  let video = null;
  async function stayAwake() {
    if ("wakeLock" in navigator) {
      try {
        if (lock === null || lock.released) lock = await navigator.wakeLock.request("screen");
        document.body.dataset.awake = "yes";
        return;
      } catch (error) {
        // refused (a page not yet visible, a battery saver): the video instead
      }
    }
    if (video === null) {
      video = document.createElement("video");
      video.className = "awake";
      video.muted = true;
      video.loop = true;
      video.playsInline = true;
      video.setAttribute("playsinline", "");
      for (const [file, type] of [["awake.webm", "video/webm"], ["awake.mp4", "video/mp4"]]) {
        const source = document.createElement("source");
        source.src = address("/static/" + file);
        source.type = type;
        video.append(source);
      }
      document.body.append(video);
    }
    try {
      await video.play();
      document.body.dataset.awake = "video";
    } catch (error) {
      document.body.dataset.awake = "no";  // a tap on a button tries again
    }
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") stayAwake();
  });

  return { address, talk, follow, act, draw, preload, stayAwake, state: () => latest };
})();
