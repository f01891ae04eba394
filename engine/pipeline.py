"""The picture engine: loads any diffusers text-to-image pipeline and draws batches of requests.

Modelled on diffusers' pipelines: components come in at construction, ``check_inputs`` raises a
clear ``ValueError``, one call returns an output dataclass, and ``interrupt()`` stops a batch.
Every call here is slow and synchronous: the queue runs it in a worker thread.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.errors import EngineError, EngineOutOfMemory
from engine.image_check import ImageChecker
from engine.options import EngineOptions
from engine.picture_check import PictureCheck, run_check
from engine.presets import Preset, preset_for
from engine.request import GenerationRequest
from engine.teaching import TaughtWord

log = logging.getLogger(__name__)

ProgressCallback = Callable[[float], None]

SCHEDULERS: dict[str, tuple[str, dict[str, Any]]] = {
    "dpm++2m": ("DPMSolverMultistepScheduler", {}),
    "dpm++2m-karras": ("DPMSolverMultistepScheduler", {"use_karras_sigmas": True}),
    "euler": ("EulerDiscreteScheduler", {}),
    "euler-a": ("EulerAncestralDiscreteScheduler", {}),
    "ddim": ("DDIMScheduler", {}),
    "unipc": ("UniPCMultistepScheduler", {}),
    "lcm": ("LCMScheduler", {}),
}


@dataclass(frozen=True)
class DrawnPicture:
    """One finished picture: PNG bytes and whether a safety check passed (None = no check ran)."""

    png: bytes
    width: int
    height: int
    seed: int
    params: dict[str, Any]
    safe: bool | None
    check: str = "none"
    # Does it show the request's subject? None: no check for this model (or no subject).
    shows: bool | None = None


def pick_device(requested: str = "auto") -> str:
    import torch

    if requested != "auto":
        if requested.startswith("cuda") and not torch.cuda.is_available():
            raise ValueError(f"engine.device = {requested!r} but no CUDA GPU is available")
        return requested
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def pick_dtype(device: str, requested: str = "auto") -> Any:
    import torch

    if requested != "auto":
        return getattr(torch, requested)
    if device.startswith("cuda"):
        # bf16 is fast only from Ampere (compute capability 8) on; T4, V100 and GTX 16xx report
        # bf16 as "supported" but emulate it, and fp16 is their fast path
        index = torch.device(device).index or 0
        major, _ = torch.cuda.get_device_capability(index)
        return torch.bfloat16 if major >= 8 and torch.cuda.is_bf16_supported() else torch.float16
    if device == "mps":
        return torch.float16
    return torch.float32


def encode_png(
    image: Any, params: dict[str, Any], display_size: int | None
) -> tuple[bytes, int, int]:
    """PNG bytes; small pictures upscaled crisply. The file carries no prompt or settings (it is
    sent to learners); `params` is recorded beside it in the images table instead."""
    from PIL import Image

    if display_size and image.width < display_size:
        image = image.resize((display_size, display_size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), image.width, image.height


class PictureEngine:
    """Owns one loaded pipeline; ``draw`` turns compatible requests into pictures."""

    def __init__(self, options: EngineOptions, *, pipeline: Any = None) -> None:
        self.options = options
        self.preset: Preset = preset_for(options.model, options.preset)
        self.pipeline = pipeline
        self.layout_pipeline: Any = None  # a GLIGEN model's own pipeline, for scenes
        # the starter's grown model and the concepts it adds (engine/starter/additions.py)
        self.grown_pipelines: dict[str, Any] = {}  # "grown" (and "mended") → its pipeline
        self.grown_routes: Any = None  # additions.Routes: which model draws which request
        self.device = "cpu"
        self._interrupt = threading.Event()
        self._lock = threading.Lock()
        self._loaded = False
        self.checker: ImageChecker | None = None
        self.picture_check: PictureCheck | None = None
        self._active_adapters: tuple[tuple[str, float], ...] = ()
        self.taught: list[TaughtWord] = []
        # on a GPU: the largest batch the card fits (measured at start); None = no limit known
        self.batch_limit: int | None = None

    @property
    def loaded(self) -> bool:
        return self._loaded

    @property
    def model_name(self) -> str:
        return self.options.model

    def defaults(self) -> dict[str, Any]:
        """The parameters a request gets unless config overrides them."""
        o, p = self.options, self.preset
        return {
            "steps": o.steps or p.steps,
            "guidance": p.guidance if o.guidance is None else o.guidance,
            "width": o.width or p.width,
            "height": o.height or p.height,
            "scheduler": p.scheduler if o.scheduler == "auto" else o.scheduler,
        }

    def load(self) -> None:
        """Load the pipeline (slow: seconds to minutes) and move it to the chosen device."""
        import torch

        from engine.loading import load_pipeline

        if self.options.threads:
            torch.set_num_threads(self.options.threads)
        self.device = pick_device(self.options.device)
        dtype = pick_dtype(self.device, self.options.dtype)
        if self.pipeline is None:
            self.pipeline = load_pipeline(
                self.options.model, self.preset, dtype, self.options.single_file_config
            )
            if self.options.model == "starter" and self.options.grown:
                self._load_additions(dtype)
        from engine.regions import split_layout_pipeline

        self.pipeline, self.layout_pipeline = split_layout_pipeline(self.pipeline)
        from engine.tuning import apply_options, validate_preset

        validate_preset(self.pipeline, self.preset, self.options.model)
        apply_options(self.pipeline, self.options, self.device, dtype)
        self.pipeline.set_progress_bar_config(disable=True)
        from engine.styles import fuse_preset_lora, load_loras

        if self.preset.lora:  # before the styles: they switch on top of it
            fuse_preset_lora(self.pipeline, self.preset.name, self.preset.lora)
        load_loras(self.pipeline, self.options.loras)
        if self.options.taught_words:
            from engine.teaching import load_taught, taught_words

            self.taught = taught_words(Path(self.options.taught_words))
            load_taught(self.pipeline, self.taught)  # the shipped model draws a taught word
            if self.grown_routes:
                self.grown_routes = self.grown_routes.without({t.word for t in self.taught})
        if self.device == "cpu":  # after the LoRAs are fused (measured on CPU only)
            from engine.tuning import channels_last

            channels_last(self.pipeline, *self.grown_pipelines.values())
        if self.options.compile:  # after the LoRAs; the first picture compiles, so draw it now
            from engine.tuning import compile_unet

            compile_unet(self.pipeline, self.device)
        if self.options.image_checker:
            from engine.image_check import ClipSafetyChecker

            self.checker = ClipSafetyChecker(self.options.image_checker, self.device)
        from engine.picture_check import load_check

        self.picture_check = load_check(self.options.picture_check, self.model_name, self.device)
        for taught in self.taught:  # a taught word's references are the teacher's pictures
            add = getattr(self.picture_check, "add", None)
            if add is not None:
                add(taught.word, taught.reference_images())
        self._loaded = True
        if self.options.compile:
            self._warm_up()
        if self.device.startswith("cuda"):
            from engine.tuning import measure_batch_limit

            self.batch_limit = measure_batch_limit(self._draw_warm_up, self.device)
            log.info("this card fits %d pictures a batch at the defaults", self.batch_limit)
        log.info(
            "model %s ready on %s (%s)", self.model_name, self.device, str(dtype).split(".")[-1]
        )

    def _load_additions(self, dtype: Any) -> None:
        from engine.starter import additions
        from engine.tuning import apply_options

        if additions.available():
            self.grown_pipelines = additions.load_grown(self.pipeline, dtype)
            for pipeline in self.grown_pipelines.values():
                apply_options(pipeline, self.options, self.device, dtype)
            self.grown_routes = additions.Routes.load()

    def _warm_up(self) -> None:
        """One picture at the defaults, so compiling happens at start, not on a learner's turn."""
        started = time.perf_counter()
        self._draw_warm_up(1)
        log.info("compiled and warmed up in %.1f s", time.perf_counter() - started)

    def _draw_warm_up(self, count: int) -> None:
        values = self.defaults()
        self.draw(
            [
                GenerationRequest(
                    model=self.model_name, prompt="a cat", negative_prompt="", seed=i, **values
                )
                for i in range(count)
            ]
        )

    @property
    def checks_pictures(self) -> bool:
        """Does anything look at each picture for safety (a configured checker, the model's
        own safety checker, or a closed, reviewed vocabulary)? Without, fail-closed sends none."""
        own = getattr(self.pipeline, "safety_checker", None) is not None
        return self.checker is not None or own or self.preset.closed_vocabulary

    def check_inputs(self, requests: list[GenerationRequest]) -> None:
        if not requests:
            raise ValueError("draw() needs at least one request")
        first = requests[0]
        if any(r.batch_key() != first.batch_key() for r in requests):
            raise ValueError("requests in one batch must share model, size, steps and guidance")
        if first.scheduler not in SCHEDULERS:
            raise ValueError(
                f"unknown scheduler {first.scheduler!r}; choose one of: {', '.join(SCHEDULERS)}"
            )
        if first.width % 8 or first.height % 8:
            raise ValueError("width and height must be multiples of 8")

    def _safety_verdict(self, flags: Any, index: int) -> tuple[bool | None, str]:
        if flags is not None and flags[index] is not None:
            source = "configured-checker" if self.checker else "pipeline-safety-checker"
            return (not bool(flags[index])), source
        return _closed_vocabulary_verdict(self.preset)

    def interrupt(self) -> None:
        """Stop the batch being drawn after its current step."""
        self._interrupt.set()

    def _use_scheduler(self, name: str) -> None:
        import diffusers

        class_name, extra = SCHEDULERS[name]
        current = self.pipeline.scheduler
        if type(current).__name__ == class_name and all(
            current.config.get(k) == v for k, v in extra.items()
        ):
            return
        cls = getattr(diffusers, class_name)
        self.pipeline.scheduler = cls.from_config(current.config, **extra)

    def _use_adapters(self, adapters: tuple[tuple[str, float], ...]) -> None:
        """Switch LoRA styles without reloading the base model."""
        if adapters == self._active_adapters:
            return
        from engine.styles import use_adapters

        use_adapters(self.pipeline, adapters)
        self._active_adapters = adapters

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        """Draw every request in one pipeline call, check each picture against its subject,
        and draw the ones that failed once more with a new seed. Runs in a worker thread."""
        self.check_inputs(requests)
        if self.pipeline is None:
            raise EngineError("the model is not loaded yet")
        if any(r.scene for r in requests):
            return [self._draw_scene(r) if r.scene else self.draw([r])[0] for r in requests]
        requests = list(requests)
        images, flags = self._run(requests, on_progress)
        shows = self._shows(requests, images)
        retries = self.grown_routes.retries() if self.grown_routes else [GenerationRequest.retried]
        for attempt in retries:  # a new seed; the starter's: in the first look, then the next
            tries = [(i, attempt(requests[i])) for i, ok in enumerate(shows) if ok is False]
            if not (tries := [(i, r) for i, r in tries if r is not None]):
                break
            log.info("%d picture(s) did not show their word; drawing them again", len(tries))
            redrawn = [r for _, r in tries]
            new_images, new_flags = self._run(redrawn, None)
            for slot, ((index, request), ok) in enumerate(
                zip(tries, self._shows(redrawn, new_images), strict=True)
            ):
                requests[index], images[index], shows[index] = request, new_images[slot], ok
                if flags is not None:
                    flags[index] = new_flags[slot] if new_flags is not None else None
        pictures = []
        for index, (request, image) in enumerate(zip(requests, images, strict=True)):
            params = request.to_dict() | {"device": self.device}
            png, width, height = encode_png(image, params, self.preset.display_size)
            safe, check = self._safety_verdict(flags, index)
            pictures.append(
                DrawnPicture(png, width, height, request.seed, params, safe, check, shows[index])
            )
        return pictures

    def _draw_scene(self, request: GenerationRequest) -> DrawnPicture:
        """Each thing drawn and checked alone, then put in its box (an open model: _draw_layout)."""
        from engine.scene import Scene
        from engine.scene_layout import composite, draw_things, layout, resting

        scene = Scene.from_json(request.scene)
        if not self.preset.closed_vocabulary:
            return self._draw_layout(request, scene)
        from engine.starter import styled
        from engine.starter.additions import style_of

        concepts = sorted(set(scene.concepts))
        style = style_of(request.prompt)  # every thing of the scene in the style asked for
        # a plural's copies ("clocks") are its word's own picture, as /word draws it alone
        prompts = {c: styled(c, style) for c in concepts} | {request.subject: request.prompt}
        asked = [
            replace(request, prompt=prompts[c], subject=c, scene="", seed=request.seed + i)
            for i, c in enumerate(concepts)
        ]
        parts = draw_things(self.draw, asked)
        from PIL import Image

        pictures = {c: Image.open(io.BytesIO(p.png)) for c, p in zip(concepts, parts, strict=True)}
        size = self.preset.display_size or max(request.width, 256)
        image = composite(resting(layout(scene, size), scene, pictures), pictures, size)
        params = request.to_dict() | {"device": self.device}
        png, width, height = encode_png(image, params, None)
        verdicts = [p.shows for p in parts]
        shows = None if all(v is None for v in verdicts) else all(v is not False for v in verdicts)
        safe = all(p.safe is True for p in parts) if parts else None
        check = parts[0].check if parts else "none"
        return DrawnPicture(png, width, height, request.seed, params, safe, check, shows)

    def _draw_layout(self, request: GenerationRequest, scene: Any) -> DrawnPicture:
        """The sentence drawn in one pass, steered by the scene's boxes (regional prompts, or
        GLIGEN's own boxes); every thing checked in its box, drawn again once if one fails."""
        from engine.regions import regions_for

        regions = regions_for(scene)
        images, flags = self._run([request], None, regions=regions)
        shows = self._regions_show(images[0], regions)
        if shows is False:
            log.info("a thing of the scene was not in its box; drawing the scene again")
            request = request.retried()
            images, flags = self._run([request], None, regions=regions)
            shows = self._regions_show(images[0], regions)
        params = request.to_dict() | {"device": self.device}
        png, width, height = encode_png(images[0], params, self.preset.display_size)
        safe, check = self._safety_verdict(flags, 0)
        return DrawnPicture(png, width, height, request.seed, params, safe, check, shows)

    def _regions_show(self, image: Any, regions: list[Any]) -> bool | None:
        """Whether every copy of every thing can be seen in its own box."""
        from engine.regions import region_crops

        if self.picture_check is None:
            return None
        crops = region_crops(image, regions)
        verdicts = run_check(
            self.picture_check,
            [crop for _, crop in crops],
            [subject for subject, _ in crops],
            self.options.picture_check_timeout,
        )
        return all(verdicts)

    def _shows(self, requests: list[GenerationRequest], images: list[Any]) -> list[bool | None]:
        """The picture check's verdict per picture (None where nothing is to be checked)."""
        if self.picture_check is None:
            return [None] * len(requests)
        wanted = [i for i, r in enumerate(requests) if r.subject]
        verdicts: list[bool | None] = [None] * len(requests)
        if wanted:
            results = run_check(
                self.picture_check,
                [images[i] for i in wanted],
                [requests[i].subject for i in wanted],
                self.options.picture_check_timeout,
            )
            for i, verdict in zip(wanted, results, strict=True):
                verdicts[i] = verdict
        return verdicts

    def _run(
        self,
        requests: list[GenerationRequest],
        on_progress: ProgressCallback | None,
        regions: list[Any] | None = None,
    ) -> tuple[list[Any], list[Any] | None]:
        """The PIL images and the safety flags (None: no checker ran): one pipeline call, or
        one per model when the starter's grown model (or it mended) draws the concepts it added."""
        if regions or not self.grown_routes:
            return self._call(requests, on_progress, regions)
        from engine.starter.additions import split_by_model

        return split_by_model(
            requests,
            self.grown_routes,
            lambda part, model: self._call(part, on_progress, None, model=model),
        )

    def _call(
        self,
        requests: list[GenerationRequest],
        on_progress: ProgressCallback | None,
        regions: list[Any] | None = None,
        *,
        model: str = "shipped",
    ) -> tuple[list[Any], list[Any] | None]:
        """One pipeline call. With `regions`, the layout steers the drawing
        (engine/regions.py)."""
        import torch

        from engine.regions import gligen_arguments, steered

        first = requests[0]
        pipe, extra = self.pipeline, {}
        steering: AbstractContextManager[None] = nullcontext()
        if regions and self.layout_pipeline is not None:
            pipe, extra = self.layout_pipeline, gligen_arguments(regions)
        elif regions:
            steering = steered(pipe, regions)
        with self._lock:
            self._interrupt.clear()
            self._use_scheduler(first.scheduler)
            self._use_adapters(first.adapters)
            generators = [torch.Generator("cpu").manual_seed(r.seed) for r in requests]

            def step_end(
                pipe: Any, step: int, timestep: Any, kwargs: dict[str, Any]
            ) -> dict[str, Any]:
                if self._interrupt.is_set():
                    pipe._interrupt = True
                if on_progress is not None:
                    on_progress((step + 1) / first.steps)
                return kwargs

            if model in self.grown_pipelines:  # same training schedule, same scheduler
                pipe = self.grown_pipelines[model]
                pipe.scheduler = self.pipeline.scheduler
            if pipe is self.layout_pipeline:  # GLIGEN: the older callback, same scheduler
                pipe.scheduler = self.pipeline.scheduler
                extra["callback"] = lambda step, *_: (
                    on_progress and on_progress((step + 1) / first.steps)
                )
            else:
                extra["callback_on_step_end"] = step_end
            try:
                with steering:
                    output = pipe(
                        prompt=[r.prompt for r in requests],
                        negative_prompt=[r.negative_prompt for r in requests],
                        width=first.width,
                        height=first.height,
                        num_inference_steps=first.steps,
                        guidance_scale=first.guidance,
                        generator=generators,
                        output_type="pil",
                        **extra,
                    )
            except torch.OutOfMemoryError as exc:
                if torch.cuda.is_available():
                    torch.cuda.empty_cache()
                raise EngineOutOfMemory(str(exc)) from exc
            if self._interrupt.is_set():
                raise EngineError("interrupted")
        flags = getattr(output, "nsfw_content_detected", None)
        if flags is None and self.checker is not None:
            flags = [None if ok is None else not ok for ok in self.checker.check(output.images)]
        return list(output.images), None if flags is None else list(flags)


def _closed_vocabulary_verdict(preset: Preset) -> tuple[bool | None, str]:
    # A model trained only on a closed, reviewed picture set (the starter's emoji, or the tiny
    # test model's noise) cannot draw anything outside it: that is its safety check.
    return (True, "closed-vocabulary") if preset.closed_vocabulary else (None, "none")
