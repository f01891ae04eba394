"""What travels with a picture job: who gets the picture, shown as what, with which meaning.

The queue stores it as an opaque JSON payload beside the job; only this module reads or
writes that payload, so every renderer and the courier work with one typed value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.conversation.messages import Address
from storage.jobs import JobRecord


def job_handle(job_id: int) -> str:
    """The name of the "Drawing…" message of a job, so the picture can replace it."""
    return f"job:{job_id}"


@dataclass(frozen=True)
class Delivery:
    # Which renderer shows the picture ("word", "sentence", "challenge"); also the job's purpose.
    kind: str
    # The word or sentence as the learner will see it.
    text: str
    # None for background pictures nobody is waiting for (a challenge drawn ahead of time).
    address: Address | None = None
    learner: int = 0
    locale: str = "en"
    request_id: str = "-"
    # The chosen meaning (a dictionary sense id), for words with more than one.
    sense: str | None = None
    # The learner's history entry this picture belongs to.
    entry: int | None = None
    # The class challenge round the picture is for.
    round: int | None = None
    # The job that drew it; None when the picture came straight from the cache.
    job_id: int | None = None
    # "Draw again" of a picture the learner already has (a failed one is not "can't draw").
    again: bool = False

    @property
    def handle(self) -> str | None:
        """The "Drawing…" message this picture replaces (none for a cached picture)."""
        return job_handle(self.job_id) if self.job_id else None

    def to_payload(self) -> dict[str, Any]:
        """The job row's JSON (kind and job id live in their own columns)."""
        payload: dict[str, Any] = {
            "text": self.text,
            "learner": self.learner,
            "locale": self.locale,
            "request_id": self.request_id,
        }
        if self.address is not None:
            payload["address"] = self.address.to_dict()
        for key, value in (("sense", self.sense), ("entry", self.entry), ("round", self.round)):
            if value is not None:
                payload[key] = value
        if self.again:
            payload["again"] = True
        return payload

    @classmethod
    def of_job(cls, job: JobRecord) -> Delivery:
        data = job.delivery
        address = data.get("address")
        entry, round_id = data.get("entry"), data.get("round")
        return cls(
            kind=job.purpose,
            text=str(data.get("text", "")),
            address=Address.from_dict(address) if isinstance(address, dict) else None,
            learner=int(data.get("learner", 0)),
            locale=str(data.get("locale", "en")),
            request_id=str(data.get("request_id", "-")),
            sense=str(data["sense"]) if data.get("sense") else None,
            entry=int(entry) if entry else None,
            round=int(round_id) if round_id else None,
            job_id=job.id or None,
            again=bool(data.get("again")),
        )

    def with_entry(self, entry: int | None) -> Delivery:
        return replace(self, entry=entry)
