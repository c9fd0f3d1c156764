"""The screenshot fixture's comparison (conftest.zelfde_beeld), without a browser: a picture that is only encoded
differently or re-quantised is the same and leaves the file alone; a changed digit is a change and rewrites it."""

from __future__ import annotations

from PIL import Image, ImageDraw

from .conftest import KLEUREN, zelfde_beeld


def _scherm(tekst: str = "HH-2026-000042") -> Image.Image:
    """A small 'screen': a light page with a dark heading bar and a line of text, reduced to the fixture's palette."""
    beeld = Image.new("RGB", (360, 200), (255, 255, 255))
    teken = ImageDraw.Draw(beeld)
    teken.rectangle((0, 0, 360, 40), fill=(1, 104, 155))
    teken.text((16, 80), tekst, fill=(20, 20, 20))
    return beeld.quantize(colors=KLEUREN, method=Image.Quantize.MEDIANCUT)


def test_zelfde_beeld_anders_opgeslagen(tmp_path):
    pad = tmp_path / "scherm-360.png"
    _scherm().convert("RGB").save(pad, compress_level=1)  # other bytes, other mode: the same pixels
    assert zelfde_beeld(_scherm(), pad)
    beeld = _scherm().convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)  # another palette
    assert zelfde_beeld(beeld, pad)


def test_een_ander_cijfer_is_een_verandering(tmp_path):
    pad = tmp_path / "scherm-360.png"
    _scherm("HH-2026-000042").save(pad)
    assert not zelfde_beeld(_scherm("HH-2026-000043"), pad)


def test_nieuw_of_andere_maat(tmp_path):
    pad = tmp_path / "scherm-360.png"
    assert not zelfde_beeld(_scherm(), pad)  # no file yet
    Image.new("RGB", (360, 300), (255, 255, 255)).save(pad)
    assert not zelfde_beeld(_scherm(), pad)
