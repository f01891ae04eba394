"""`pictolingo eval`: how different is the picture a learner gets after "🎨 Draw again"?

The model's own ``diversity`` (engine/starter/evaluate.py) draws one prompt with four seeds; the
starter memorised one picture a concept, so that stays near zero. What a learner sees is the
product's: the first picture, then three presses of "Draw again", each asking (as the button
does) for a built-in style other than the picture before's that the concept is drawn truly in,
every picture checked before it would be sent. Measured in the same feature space and the same
way as ``diversity`` (mean distance between the pictures of one concept), on the same concepts.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import numpy as np

from bot.pictures.illustrator import DrawingDefaults, Illustrator, built_in_styles, variety_for
from engine.pipeline import PictureEngine
from engine.request import seed_for
from engine.resolver import Resolver
from engine.starter.evaluate import features

PRESSES = 3


def draw_again_figures(
    resolver: Resolver, engine: PictureEngine, concepts: list[str], presses: int = PRESSES
) -> dict[str, Any]:
    """The first picture and `presses` of "Draw again" for each concept, as the bot would."""
    styles, _ = built_in_styles(engine.model_name)
    illustrator = Illustrator(
        DrawingDefaults(
            model=engine.model_name,
            prompt_style=engine.preset.prompt_style,
            styles=styles,
            **engine.defaults(),
        ),
        resolver,
        variety=variety_for(engine.model_name),
    )
    variety = illustrator.variety
    distances: list[float] = []
    looks: list[int] = []
    shown = asked = 0
    for name in concepts:
        drawing = resolver.resolve(name)
        if drawing is None:
            continue
        request = illustrator.for_word(name, drawing=drawing)
        sent: list[Any] = []
        styles_seen: set[str] = set()
        drawn = request.prompt
        for press in range(presses + 1):
            if press:  # as the button does: after the prompt of the picture before
                request = illustrator.for_word(name, new_seed=True, again_after=drawn)
                request = replace(request, seed=seed_for(f"{name}:{press}"))  # reproducible
            picture = engine.draw([request])[0]
            drawn = str(picture.params["prompt"])  # a failed look's retry is in the first look
            asked += 1
            if picture.shows is False:
                continue  # the learner would get the honest answer, not this picture
            shown += 1
            sent.append(_image(picture.png))
            if variety is not None:
                styles_seen.add(variety.style_of(drawn) or variety.styles_for(request.subject)[0])
        looks.append(len(styles_seen))
        vectors = features(sent) if sent else np.zeros((0, 1))
        for a, b in itertools.combinations(range(len(sent)), 2):
            distances.append(float(np.linalg.norm(vectors[a] - vectors[b])))
    return {
        "diversity": round(float(np.mean(distances)) if distances else 0.0, 3),
        "concepts": len(looks),
        "presses": presses,
        "looks_per_concept": round(float(np.mean(looks)) if looks else 0.0, 2),
        "pictures_shown": round(shown / max(1, asked), 3),
        "styles": sorted(styles),
    }


def _image(png: bytes) -> Any:
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")
