// Pictolingo web chat: a WebSocket to the dialogue layer; no framework, no external files.
"use strict";
(function () {
  const list = document.getElementById("messages");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  const byHandle = new Map();
  const shownKeys = new Set(); // a picture sent again after a reconnect is shown once
  let socket = null;
  let retry = 500;
  // What the learner sent before the connection opened (or while it was lost): sent as soon as
  // it opens, in order. Clearing the box and dropping the words lost what a child had typed.
  const waiting = [];

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws`);
    socket.onopen = () => {
      retry = 500;
      status.textContent = "";
      while (waiting.length) socket.send(JSON.stringify(waiting.shift()));
    };
    socket.onmessage = (event) => show(JSON.parse(event.data));
    socket.onclose = () => {
      status.textContent = "Connection lost. Reconnecting…";
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      waiting.push(frame);
      status.textContent = "Connecting… your message goes as soon as I am connected.";
      return true;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  function say(text) {
    if (!text.trim()) return;
    if (send({ text })) {
      const item = document.createElement("li");
      item.className = "message me";
      item.textContent = text;
      list.appendChild(item);
      toBottom();
    }
  }

  // The newest message ends above the dock: scrollIntoView put its end under the dock (the
  // composer and the chips stick to the bottom of the window), hiding its picture and buttons.
  function toBottom() {
    window.scrollTo({ top: document.documentElement.scrollHeight });
  }

  function render(message) {
    const item = document.createElement("li");
    item.className = "message bot";
    if (message.pending) item.classList.add("pending");
    if (message.html) {
      const text = document.createElement("div");
      text.className = "text";
      text.innerHTML = message.html; // escaped by the server; only <b> and <br> remain
      item.appendChild(text);
    }
    for (const image of message.images) {
      const picture = document.createElement("img");
      picture.src = image.url;
      picture.alt = image.alt;
      picture.className = "picture";
      picture.addEventListener("load", () => {
        if (item === list.lastElementChild) toBottom(); // it grew when the picture came
      });
      item.appendChild(picture);
    }
    if (message.audio) {
      const audio = document.createElement("audio");
      audio.controls = true;
      audio.src = message.audio;
      audio.setAttribute("aria-label", "Pronunciation");
      item.appendChild(audio);
      audio.play().catch(() => {});
    }
    for (const file of message.files) {
      const link = document.createElement("a");
      link.href = file.url;
      link.textContent = `⬇ ${file.name}`;
      link.className = "file";
      link.download = file.name;
      item.appendChild(link);
    }
    for (const row of message.buttons) {
      const group = document.createElement("div");
      group.className = "buttons";
      for (const button of row) {
        const element = document.createElement("button");
        element.type = "button";
        element.textContent = button.label;
        element.addEventListener("click", () => {
          if (send({ callback: button.data })) element.classList.add("pressed");
        });
        group.appendChild(element);
      }
      item.appendChild(group);
    }
    return item;
  }

  function show(message) {
    if (message.ack) {
      // tell the server it arrived (until then it stays undelivered and is sent again later)
      socket.send(JSON.stringify({ ack: message.ack }));
      if (shownKeys.has(message.key)) return;
      shownKeys.add(message.key);
    }
    if (message.edit_of && byHandle.has(message.edit_of)) {
      const old = byHandle.get(message.edit_of);
      const fresh = render(message);
      old.replaceWith(fresh);
      if (fresh === list.lastElementChild) toBottom();
      byHandle.set(message.edit_of, fresh);
      if (!message.pending) byHandle.delete(message.edit_of);
      return;
    }
    if (message.progress !== null && message.edit_of) return; // progress for a message not shown
    if (message.clears && byHandle.has(message.clears)) {
      byHandle.get(message.clears).remove();
      byHandle.delete(message.clears);
    }
    const item = render(message);
    if (message.handle) byHandle.set(message.handle, item);
    list.appendChild(item);
    toBottom();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    say(input.value);
    input.value = "";
    input.focus();
  });
  for (const chip of document.querySelectorAll("[data-send]")) {
    chip.addEventListener("click", () => say(chip.dataset.send));
  }
  const big = document.getElementById("big");
  big.addEventListener("click", () => {
    const on = document.body.classList.toggle("projector");
    big.setAttribute("aria-pressed", String(on));
  });
  connect();
})();
