from __future__ import annotations

from engine.prompts import sentence_prompt, with_article, word_prompt


def test_a_word_becomes_one_clear_object_without_any_text() -> None:
    prompt = word_prompt("apple")
    assert "an apple" in prompt.text and "white background" in prompt.text
    for banned in ("text", "letters", "words", "watermark"):
        assert banned in prompt.negative


def test_the_chosen_sense_shapes_the_prompt() -> None:
    assert "(flying mammal)" in word_prompt("bat", sense="flying mammal").text


def test_a_sentence_becomes_a_scene() -> None:
    prompt = sentence_prompt("The cat sleeps on the sofa.")
    assert "scene: The cat sleeps on the sofa." in prompt.text and "letters" in prompt.negative


def test_caption_style_for_small_models_matches_their_training_captions() -> None:
    assert word_prompt("apple", style="caption").text == "an apple"
    assert sentence_prompt("The cat sleeps.", style="caption").text == "the cat sleeps"


def test_articles() -> None:
    assert with_article("umbrella") == "an umbrella"
    assert with_article("dog") == "a dog"
    assert with_article("the sun") == "the sun"
