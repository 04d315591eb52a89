"""Generate a synthetic talk of N slides and K photos, plus the same content as pandoc markdown.

    python bench/generate.py OUT --slides 1000 --images 100

OUT becomes a talk folder (deck/, assets/) with two speakers' notes on every
slide, and OUT/pandoc.md holds the same slides for `pandoc -o x.pptx`, with
the notes in `::: notes` blocks (pandoc's convention).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from PIL import Image, ImageDraw

SLIDES_PER_SEGMENT = 10
PHOTO_SIZE = (2400, 1600)

WORDS = (
    "safety attunement presence boundary repair trust breath pacing consent integration session "
    "relationship compassion parts self memory body rhythm listening window regulation care"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def photo(path: Path, rng: random.Random) -> None:
    """A landscape photo-sized picture: a gradient sky and a few soft shapes."""
    width, height = PHOTO_SIZE
    top, bottom = (rng.randrange(150, 255) for _ in range(2))
    sky = Image.linear_gradient("L").resize((width, height)).point(lambda v: top + (bottom - top) * v // 255)
    image = Image.merge("RGB", (sky, sky.point(lambda v: v * 9 // 10), sky.point(lambda v: v * 7 // 10)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(80, 400)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(60, 220) for _ in range(3)))
    image.save(path, quality=85)


def generate(out: Path, slides: int, images: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (out / "deck").mkdir(parents=True, exist_ok=True)
    (out / "assets").mkdir(exist_ok=True)
    picture_every = max(1, slides // images) if images else 0
    photos = [f"assets/photo-{i:03d}.jpg" for i in range(images)]
    for name in photos:
        if not (out / name).exists():
            photo(out / name, rng)
    segments = (slides + SLIDES_PER_SEGMENT - 1) // SLIDES_PER_SEGMENT
    (out / "deck" / "deck.toml").write_text(
        f'title = "Synthetic talk of {slides} slides"\n'
        f"duration = {segments * SLIDES_PER_SEGMENT}\n"
        'slug = "bench"\n\n'
        '[speakers.clinician]\nrole = "Clinician"\n\n'
        '[speakers.client]\nrole = "Client"\n',
        encoding="utf-8",
    )
    pandoc = [f"---\ntitle: Synthetic talk of {slides} slides\n---\n"]
    number = 0
    for segment in range(segments):
        count = min(SLIDES_PER_SEGMENT, slides - number)
        parts = [f"---\ntitle: \"Segment {segment + 1}\"\nminutes: {SLIDES_PER_SEGMENT}\nlead: [clinician, client]\n---\n"]
        pandoc.append(f"# Segment {segment + 1}\n")
        for _ in range(count):
            number += 1
            bullets = [sentence(rng, rng.randrange(4, 8)) for _ in range(4)]
            clinician = " ".join(sentence(rng, 12) for _ in range(5))
            client = " ".join(sentence(rng, 12) for _ in range(4))
            picture = None
            if picture_every and number % picture_every == 0 and photos:
                picture = photos[(number // picture_every - 1) % len(photos)]
            title = f"Slide {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
            if picture:
                body = f"![A synthetic photo for slide {number}]({picture})"
                layout = " {layout=image}"
            else:
                body = "\n".join(f"- {b}" for b in bullets)
                layout = ""
            parts.append(
                f"## {title}{layout}\n\n{body}\n\n::: clinician\n{clinician}\n:::\n\n::: client\n{client}\n:::\n"
            )
            pandoc.append(f"## {title}\n\n{body}\n\n::: notes\n**Clinician**\n\n{clinician}\n\n**Client**\n\n{client}\n:::\n")
        (out / "deck" / f"{segment + 1:03d}-segment.md").write_text("\n---\n\n".join(parts), encoding="utf-8")
    (out / "pandoc.md").write_text("\n".join(pandoc), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--slides", type=int, default=40)
    parser.add_argument("--images", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.slides, args.images, args.seed)
    print(f"wrote {args.out} ({args.slides} slides, {args.images} photos)")


if __name__ == "__main__":
    main()
