"""Delivers what the queue reports (progress, finished pictures, failures) through the adapters.

Each chat has its own lane so messages arrive in order; a slow upload in one chat never holds up
another. A finished job is marked delivered before it is sent, so no picture arrives twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.adapters.base import Acknowledging, ChatUnavailable, NotDelivered, Sender
from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Address, Incoming, Reply
from bot.conversation.router import NO_PICTURE_RENDERERS
from bot.conversation.services import Services
from bot.conversation.texts import say
from bot.logs import use_request_id
from bot.pictures.ask import render_picture
from bot.pictures.delivery import Delivery, job_handle
from engine.queue import NOT_SHOWN, JobEvent
from storage.jobs import JobRecord

log = logging.getLogger(__name__)


RETRY_DELAYS = (2.0, 10.0, 60.0, 300.0)


def failure_text(incoming: Incoming, error: str, text: str) -> str:
    if error.startswith("unsafe"):
        return say(
            incoming,
            "I can't draw that one. Let's try a different word!",
            "这个我不能画。换一个词吧！",
        )
    if error == "out_of_memory":
        return say(
            incoming,
            f"The drawing machine is too full to draw {bold(text)} right now. "
            "Please try again in a minute.",
            "画图机器太忙了，请一分钟后再试。",
        )
    return say(
        incoming,
        f"Sorry, I could not draw {bold(text)} this time. Please try again.",
        "抱歉，这次没画出来。请再试一次。",
    )


class Courier:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._senders: dict[str, Sender] = {}
        self._lanes: dict[tuple[str, str], asyncio.Queue[JobEvent]] = {}
        self._workers: dict[tuple[str, str], asyncio.Task[None]] = {}
        self._latest_progress: dict[int, float] = {}
        self._sent_progress: dict[int, float] = {}
        self._retries: dict[int, int] = {}
        self._timers: set[asyncio.Task[None]] = set()

    async def attach(self, sender: Sender) -> None:
        """Deliver through this adapter from now on, starting with anything still owed to it."""
        self._senders[sender.platform] = sender
        if isinstance(sender, Acknowledging):
            platform = sender.platform

            async def redeliver(chat_id: str) -> None:
                await self.deliver_waiting(platform, chat_id, after_restart=False)

            sender.on_reconnect(redeliver)
        await self.deliver_waiting(sender.platform)

    async def send_now(self, address: Address, reply: Reply) -> None:
        """One reply to a chat through its platform's running adapter, before the answer (not
        sent where the platform shows its own "thinking…", as Discord does)."""
        sender = self._senders.get(address.platform)
        if sender is not None and not getattr(sender, "shows_thinking", False):
            await sender.send(address, reply)

    def sender(self, platform: str) -> Sender | None:
        """The running adapter for a platform (None when it is not running now)."""
        return self._senders.get(platform)

    async def __aenter__(self) -> Courier:
        self.services.queue.subscribe(self.on_event)
        return self

    async def __aexit__(self, *exc: object) -> None:
        tasks = [*self._workers.values(), *self._timers]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._workers.clear()

    async def deliver_waiting(
        self, platform: str, chat_id: str | None = None, *, after_restart: bool = True
    ) -> None:
        """Finished jobs nobody has been told about yet: after a restart (the process may have
        stopped mid-send), or for one chat that came back (a learner's page reconnected)."""
        acknowledged = isinstance(self._senders.get(platform), Acknowledging)
        for job in await self.services.jobs.undelivered():
            address = Delivery.of_job(job).address
            if address is None or address.platform != platform:
                continue
            if chat_id is not None and address.chat_id != chat_id:
                continue
            if job.claimed:
                if not after_restart:
                    continue  # being sent right now
                if not acknowledged:
                    # we cannot know whether it arrived: never send it twice
                    self.on_event(JobEvent("interrupted", job))
                    continue
                # unconfirmed means the page never showed it: send it again
                await self.services.jobs.release_delivery(job.id)
            kind = "done" if job.state == "done" else "failed"
            image = await self.services.images.get(job.image_id) if job.image_id else None
            self.on_event(JobEvent(kind, job, fraction=1.0, image=image, error=job.error))

    def on_event(self, event: JobEvent) -> None:
        if event.kind == "cancelled":
            return  # the cancel handler answers the learner itself
        address = Delivery.of_job(event.job).address
        if address is None:
            return  # background work (a challenge picture): nobody to tell
        lane_key = (address.platform, address.chat_id)
        if event.kind == "progress":
            self._latest_progress[event.job.id] = event.fraction
        lane = self._lanes.setdefault(lane_key, asyncio.Queue())
        lane.put_nowait(event)
        worker = self._workers.get(lane_key)
        if worker is None or worker.done():
            self._workers[lane_key] = asyncio.create_task(self._drain(lane_key, lane, address))

    async def _drain(
        self, key: tuple[str, str], lane: asyncio.Queue[JobEvent], address: Address
    ) -> None:
        while not lane.empty():
            event = lane.get_nowait()
            try:
                await self._deliver(event, address)
            except ChatUnavailable:
                pass  # already marked inactive; nothing more to tell that chat
            except Exception:
                log.exception("delivery of job %s failed", event.job.id)

    def _context(self, delivery: Delivery, address: Address) -> Context:
        incoming = Incoming(
            platform=address.platform,
            chat_id=address.chat_id,
            user_id="",
            chat_kind=address.chat_kind,
            locale=delivery.locale,
            message_id=address.reply_to,
        )
        return Context(incoming, delivery.learner, self.services)

    async def _deliver(self, event: JobEvent, address: Address) -> None:
        sender = self._senders.get(address.platform)
        if sender is None:
            return  # that platform is not running now; delivered when it next starts
        job = event.job
        delivery = Delivery.of_job(job)
        use_request_id(delivery.request_id)
        context = self._context(delivery, address)
        text = delivery.text
        if event.kind == "progress":
            latest = self._latest_progress.get(job.id, event.fraction)
            if latest != event.fraction or self._sent_progress.get(job.id) == latest:
                return  # a newer progress report is already waiting in the lane
            self._sent_progress[job.id] = latest
            percent = int(latest * 100)
            await self._send(
                sender,
                address,
                Reply(
                    say(
                        context.incoming, f"Drawing {bold(text)}… {percent}%", f"正在画… {percent}%"
                    ),
                    edit_of=job_handle(job.id),
                    pending=True,
                    progress=latest,
                ),
                job,
            )
            return
        if event.kind == "interrupted":
            # A send was cut off by a crash: we cannot know if it arrived, so never send it twice.
            await self._send(
                sender,
                address,
                Reply(
                    say(
                        context.incoming,
                        f"Your picture of {bold(text)} may not have arrived. "
                        "You can find it in /history.",
                        "你的图片可能没有送到，可以在 /history 里找到。",
                    ),
                    clears=job_handle(job.id),
                ),
                job,
            )
            await self.services.jobs.confirm_delivery(job.id)
            return
        if not await self.services.jobs.claim_delivery(job.id):
            return  # already delivered (by an earlier run, or a duplicate event)
        self._latest_progress.pop(job.id, None)
        self._sent_progress.pop(job.id, None)
        replies: list[Reply]
        if event.kind == "done" and event.image is not None:
            await self.services.history.attach_job_image(job.id, event.image.id)
            if delivery.entry is None:
                entry = await self.services.history.for_job(job.id)
                delivery = delivery.with_entry(entry.id if entry else None)
            try:
                replies = await render_picture(context, delivery, event.image)
            except LookupError:
                log.exception("cannot show the picture of job %s", job.id)
                return
        else:
            error = event.error or "engine"
            if error.startswith("unsafe"):
                await self.services.flags.add(
                    user_id=context.learner or None,
                    platform=address.platform,
                    chat_id=address.chat_id,
                    kind="image",
                    text=text,
                    reason=error,
                )
            honest = NO_PICTURE_RENDERERS.get(delivery.kind) if error == NOT_SHOWN else None
            if honest is not None:
                replies = await honest(context, delivery)
            else:
                replies = [
                    Reply(failure_text(context.incoming, error, text), clears=job_handle(job.id))
                ]
        sent = 0
        try:
            for reply in replies:
                await self._send(sender, address, reply, job)
                sent += 1
        except ChatUnavailable:
            await self.services.jobs.confirm_delivery(job.id)
            self._retries.pop(job.id, None)
            return
        except NotDelivered:
            if sent == 0:
                # Nothing reached the learner: try again a little later (and at the next start).
                await self.services.jobs.release_delivery(job.id)
                self._retry_later(event)
                return
            raise
        await self.services.jobs.confirm_delivery(job.id)
        self._retries.pop(job.id, None)

    def _retry_later(self, event: JobEvent) -> None:
        attempt = self._retries.get(event.job.id, 0)
        if attempt >= len(RETRY_DELAYS):
            log.warning("giving up on delivering job %s for now", event.job.id)
            self._retries.pop(event.job.id, None)  # the next start tries again
            return
        self._retries[event.job.id] = attempt + 1

        async def again() -> None:
            await asyncio.sleep(RETRY_DELAYS[attempt])
            self.on_event(event)

        task = asyncio.create_task(again())
        self._timers.add(task)
        task.add_done_callback(self._timers.discard)

    async def _send(self, sender: Sender, address: Address, reply: Reply, job: JobRecord) -> None:
        try:
            await sender.send(address, reply)
        except ChatUnavailable:
            log.info("chat on %s is unavailable; marking it inactive", address.platform)
            await self.services.users.set_chat_active(
                address.platform, address.chat_id, False, address.chat_kind
            )
            raise
