"""generate_image: text-to-image with the `image_gen` role; the result is saved in the knowledge folder's
`generated/` with its prompt and settings in PNG text metadata, indexed like any other image, and returned."""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from ..contracts import Citation, ImageOut, ToolResult
from ..errors import InputError
from ..routing_hints import Picture, Routing
from ..words import (ASKING_WORDS, FINAL_PICTURE_VERBS, MAKING_VERBS, PICTURE_NOUNS, PICTURE_VERBS, QUESTION_WORDS,
                     TABLE_OR_PHOTO, either)
from .outputs import generated_folder, output_name, save_new
from .registry import Hints, ToolContext, one_line, tool

log = logging.getLogger(__name__)

MAX_PROMPT_CHARS = 2000
MAX_SIDE = 4096  # the model's own pixel limit (ImageGenerator.max_pixels) applies to width x height too
MAX_STEPS = 150
METADATA_KEY = "spark-assistant"  # all settings as one JSON text chunk, beside one chunk per setting


GENERATE_EXAMPLES = (
    "draw a castle on a hill", "generate a picture of a sunset over the sea", "create an image of a cat astronaut",
    "paint a portrait of an old sailor", "make me an illustration of a forest",
    "imagine a city of the future and show me",
    "render a 3d model of a teapot", "sketch a mountain cabin", "can you make a logo with a tree",
    "i'd like a picture of a horse running on the beach", "design a poster for a jazz concert",
    "make it darker", "now in the style of van gogh", "make it a cartoon instead", "do another one with a bigger moon",
    "a photo of a golden retriever in a field, 1024 by 768", "generate an image with 20 steps and seed 7",
    "dibuja un gato", "dessine une maison", "mal mir einen Baum", "disegna un cavallo",
)
GENERATE_KEYWORDS = (
    "^draw", "^paint", "^sketch", "^render", "^illustrate", "^imagine", "^doodle", "^generate", "draw me",
    "paint me", "generate ... image", "generate ... picture", "create ... image", "create ... picture",
    "create ... illustration", "create ... drawing", "create ... logo", "create ... poster",
    "create ... wallpaper", "make ... image", "make ... picture", "make ... illustration", "make ... drawing",
    "make ... painting", "make ... logo", "make ... poster", "design ... logo", "design ... poster",
    "^make it", "^make one", "need ... logo", "want ... logo", "need ... picture", "want ... picture",
    "need ... image", "want ... image", "need ... illustration", "want ... illustration", "new image", "new picture",
    "come up with ... picture", "come up with ... image", "dessin*", "dibuj*", "zeichne*", "mal mir", "disegn*",
    "desenh*", "génère", "genera ... imagen", "genera ... immagine", "crée ... image", "crea ... imagen",
    "crea ... immagine", "erstelle ... bild", "love ... image", "love ... picture",
    # a picture verb, then a picture noun ("make me a pic of", "faire une image", "generar una imagen"); a German
    # request's verb comes last ("ein Bild von einem Boot malen")
    f"{either(PICTURE_VERBS - MAKING_VERBS - {'imagine'})} ... "
    f"{either(PICTURE_NOUNS - {'tableau', 'cuadro', 'quadro', 'art', 'artwork'})}",
    f"{either(MAKING_VERBS)} ... {either(PICTURE_NOUNS - TABLE_OR_PHOTO)}",
    f"{either(PICTURE_NOUNS - TABLE_OR_PHOTO)} ... {either(FINAL_PICTURE_VERBS)}$")
# The router: the request without its command words is the prompt, with the settings it names; "make it
# darker" after a picture changes that picture's prompt.
# ... and a question that asks for a fact ("what did the vet think it would cost?", "why did the movers change the
# date?") asks for no picture, unless it names one ("what would a cat in a hat look like? draw it"); "how about a
# dog instead?" after a picture changes it
ASKS_NO_PICTURE = (rf"^\W*(?!(?:how|what) about\b|what if\b|qu[eé] tal\b|y si\b|et si\b|und wenn\b|e se\b|"
                   rf"wie w[äa]re\b|was ist mit\b)(?:{either(ASKING_WORDS & QUESTION_WORDS)})\b"
                   rf"(?!.*\b(?:{either(PICTURE_VERBS | PICTURE_NOUNS | FINAL_PICTURE_VERBS)}|logo|poster|icon|"
                   rf"looks? like)\b)")
GENERATE_ROUTING = Routing("make that picture", picture=Picture(), not_for=ASKS_NO_PICTURE)


@tool("""
    Create a new picture from a text description (text-to-image). Use it when the user asks to draw,
    paint, render or imagine an image. Describe the subject, style, lighting and composition in the
    prompt. Leave width, height, steps and guidance_scale out unless the user asks: the model's own
    defaults are best. The image is saved in the knowledge folder under generated/ (with the prompt and
    settings inside the file) and returned; the text gives its id, which describe_image and
    search_knowledge accept. Give the same seed again to reproduce an image.
    """, examples=GENERATE_EXAMPLES, keywords=GENERATE_KEYWORDS, requires=("image_gen",), title="Generate an image",
    hints=Hints(read_only=False, destructive=False, idempotent=False), routing=GENERATE_ROUTING)
def generate_image(
    ctx: ToolContext,
    prompt: Annotated[str, Field(min_length=1, max_length=MAX_PROMPT_CHARS,
                                 description="What the picture shows, e.g. 'a red bicycle leaning on a "
                                             "brick wall, evening light, photo'.")],
    negative_prompt: Annotated[str | None, Field(max_length=MAX_PROMPT_CHARS,
                                                 description="What the picture must not show, e.g. "
                                                             "'blurry, text, watermark'.")] = None,
    width: Annotated[int | None, Field(ge=64, le=MAX_SIDE,
                                       description="Width in pixels, a multiple of 8 (16 for Flux). Default: "
                                                   "the model's native size.")] = None,
    height: Annotated[int | None, Field(ge=64, le=MAX_SIDE,
                                        description="Height in pixels, a multiple of 8 (16 for Flux). Default: "
                                                    "the model's native size.")] = None,
    steps: Annotated[int | None, Field(ge=1, le=MAX_STEPS,
                                       description="Denoising steps: more is slower and usually finer. "
                                                   "Default: the model's (e.g. 30 for SDXL, 1-4 for turbo "
                                                   "models).")] = None,
    guidance_scale: Annotated[float | None, Field(ge=0.0, le=30.0,
                                                  description="How strictly to follow the prompt. Default: "
                                                              "the model's (e.g. 5 for SDXL, 3.5 for Flux, "
                                                              "0 for turbo models).")] = None,
    seed: Annotated[int | None, Field(ge=0, le=2**32 - 1,
                                      description="Random seed; the same prompt, settings and seed give the "
                                                  "same image. Default: a random one (reported back).")] = None,
) -> ToolResult:
    prompt = prompt.strip()
    if not prompt:
        raise InputError("the image prompt is empty")
    negative = (negative_prompt or "").strip() or None
    folder = generated_folder(ctx.settings)  # refused before the (big) model loads

    def on_step(done: int, total: int) -> None:
        ctx.check()  # a cancelled call stops at the next step (the pipeline's callback raises out)
        ctx.progress(done, total, f"step {done}/{total}")

    started = time.perf_counter()
    with ctx.manager.lease("image_gen") as generator:
        ctx.check()  # taken back while it waited for the model
        image = generator.generate(prompt, negative_prompt=negative, width=width, height=height, steps=steps,
                                   guidance_scale=guidance_scale, seed=seed, on_step=on_step)
        defaults, model, family = generator.defaults, generator.name, generator.family
    seconds = round(time.perf_counter() - started, 2)
    settings: dict[str, Any] = {
        "prompt": prompt,
        "negative_prompt": negative,
        "width": image.width,
        "height": image.height,
        "steps": steps if steps is not None else defaults.steps,
        "guidance_scale": float(guidance_scale if guidance_scale is not None else defaults.guidance_scale),
        "seed": int(image.info.get("seed", seed if seed is not None else -1)),
        "model": model,
        "family": family,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": seconds,
    }
    path = _save(image, folder, settings)
    root = ctx.settings.knowledge_dir.resolve()
    name = path.relative_to(root).as_posix()
    indexed, note = _index(ctx, name)

    caption = f"{_summary(prompt)} ({image.width}x{image.height}, seed {settings['seed']})"
    text = (f"Generated image {path.name} (saved as {name}): {image.width}x{image.height}, "
            f"{settings['steps']} steps, guidance {settings['guidance_scale']:g}, seed {settings['seed']}, "
            f"model {model}, {seconds:g} s." + (f" {note}" if note else ""))
    return ToolResult(
        text=text,
        images=[ImageOut(path, caption)],
        citations=[Citation(name)],
        data={"id": path.name, "file": name, "path": str(path), "indexed": indexed, **settings},
    )


def _save(image: Any, folder: Path, settings: dict[str, Any]) -> Path:
    """The PNG with its prompt and settings as text chunks, as gen-<time>-<prompt words>-<hash>.png."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in settings.items():
        if value is not None:
            info.add_text(key, _printable(str(value)))
    info.add_text("Software", "spark-assistant")
    info.add_text("Description", _printable(settings["prompt"]))
    info.add_text(METADATA_KEY, json.dumps(settings, ensure_ascii=False))
    salt = json.dumps(settings, sort_keys=True)
    return save_new(folder, lambda: output_name("gen", settings["prompt"], ".png", salt),
                    lambda out: image.save(out, format="PNG", pnginfo=info))


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)


def _index(ctx, name: str) -> tuple[bool, str]:
    """Index the new file (the run is incremental: only what changed). A failure leaves the image saved."""
    try:
        report = ctx.knowledge.index()
    except Exception as exc:  # noqa: BLE001 - the image exists either way; say why it is not searchable
        log.warning("indexing after generate_image failed", exc_info=True)
        return False, f"Saved, but not indexed yet: {one_line(str(exc) or type(exc).__name__)}."
    if report.stopped and name not in [*report.added, *report.renamed]:  # the folder looks emptied: nothing ran
        return False, f"Saved, but not indexed: {one_line(report.stopped)}."
    problem = next((p for p in [*report.skipped, *report.problems] if p.get("file") == name), None)
    if problem is not None:
        return False, f"Saved, but not indexed: {problem.get('reason')}."
    return True, ""


def _summary(prompt: str, limit: int = 80) -> str:
    text = " ".join(prompt.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
