"""Sarabun derived for PDFs whose SARA AM (ำ) survives text extraction (copy, search, screen readers).

HarfBuzz's Thai shaper always splits SARA AM (U+0E33) into NIKHAHIT + SARA AA and may move the
NIKHAHIT before a tone mark (Sarabun then ligates the two). A PDF maps text per glyph (ToUnicode),
and the AM's SARA AA is the very glyph of a plain า, so no per-glyph map can be right for both:
WeasyPrint keeps whichever it met first, and "ตำบล" comes back as "ตาบล" (or every า as ำ).

The derived font gives the AM's parts glyphs of their own: a GSUB rule, run after all of Sarabun's own
lookups, turns SARA AA after a NIKHAHIT into `uni0E32.am` and that NIKHAHIT into `uni0E4D.am`
(copies: same outlines, metrics and mark positioning). `to_unicode_overrides()` then says what each
glyph of the AM stands for, and `sujarit.core.pdf` writes that into the PDF's ToUnicode map, so the
text reads back in logical order: น ◌ํ้ า.am → "น" "้" "ำ" = "น้ำ".

The font is built in memory from the bundled Sarabun at first use (deterministic, a few hundred ms),
never written to disk, and served to WeasyPrint by the PDF engine's URL fetcher. It is renamed
"Sarabun Sujarit": a modified version under the OFL (Sarabun's OFL.txt names no Reserved Font Name,
so keeping "Sarabun" in it is allowed; the suffix says it is not the upstream font).
"""

import copy
import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FAMILY = "Sarabun Sujarit"
# CSS weight/style → bundled file
FACES = {
    ("normal", "normal"): "Sarabun-Regular.ttf",
    ("bold", "normal"): "Sarabun-Bold.ttf",
    ("normal", "italic"): "Sarabun-Italic.ttf",
    ("bold", "italic"): "Sarabun-BoldItalic.ttf",
}
SARA_AA = "uni0E32"
AM_SUFFIX = ".am"
THAI_ABOVE_MARKS = [0x0E31, *range(0x0E34, 0x0E38), *range(0x0E47, 0x0E4F)]  # HarfBuzz's set
TONE_OF_LIGATURE = {f"uni0E4D0E4{d}": chr(0x0E40 + int(d, 16)) for d in "89AB"}  # ◌ํ + tone mark


class FontDerivationError(RuntimeError):
    """The bundled font no longer looks like the Sarabun this code was written for."""


@dataclass(frozen=True)
class DerivedFace:
    file_name: str  # the bundled source
    data: bytes
    overrides: dict  # glyph id -> text for the PDF's ToUnicode map


def fonts_dir():
    return Path(settings.PACKAGE_DIR) / "static" / "fonts"


def _glyph_names(font, predicate):
    return [g for g in font.getGlyphOrder() if predicate(g)]


def _single_subst_lookup(mapping):
    from fontTools.otlLib import builder

    return builder.buildLookup([builder.buildSingleSubstSubtable(mapping)], flags=0)


def _chain_rule(input_glyph_sets, records, glyph_map):
    """A GSUB chaining-context subtable, format 3 (one coverage per input position)."""
    from fontTools.otlLib import builder
    from fontTools.ttLib.tables import otTables as ot

    st = ot.ChainContextSubst()
    st.Format = 3
    st.BacktrackGlyphCount = 0
    st.BacktrackCoverage = []
    st.InputGlyphCount = len(input_glyph_sets)
    st.InputCoverage = [builder.buildCoverage(gs, glyph_map) for gs in input_glyph_sets]
    st.LookAheadGlyphCount = 0
    st.LookAheadCoverage = []
    st.SubstCount = len(records)
    st.SubstLookupRecord = []
    for seq_index, lookup_index in records:
        rec = ot.SubstLookupRecord()
        rec.SequenceIndex = seq_index
        rec.LookupListIndex = lookup_index
        st.SubstLookupRecord.append(rec)
    return st


def _copy_gpos_records(gpos, src, dst):
    """Give glyph `dst` every mark-positioning record `src` has (dst sorts last, so coverage stays sorted)."""
    for lookup in gpos.LookupList.Lookup:
        for st in lookup.SubTable:
            kind = type(st).__name__
            if kind == "MarkBasePos":
                pairs = [
                    ("MarkCoverage", "MarkArray", "MarkRecord"),
                    ("BaseCoverage", "BaseArray", "BaseRecord"),
                ]
            elif kind == "MarkMarkPos":
                pairs = [
                    ("Mark1Coverage", "Mark1Array", "MarkRecord"),
                    ("Mark2Coverage", "Mark2Array", "Mark2Record"),
                ]
            elif kind == "MarkLigPos":
                pairs = [("MarkCoverage", "MarkArray", "MarkRecord")]
            else:
                if src in _mentioned_glyphs(st):
                    raise FontDerivationError(f"{src} in a GPOS {kind} subtable: copy not supported")
                continue
            for cov_attr, arr_attr, rec_attr in pairs:
                cov = getattr(st, cov_attr)
                if src in cov.glyphs:
                    records = getattr(getattr(st, arr_attr), rec_attr)
                    records.append(copy.deepcopy(records[cov.glyphs.index(src)]))
                    cov.glyphs.append(dst)


def _mentioned_glyphs(obj, depth=0) -> set[str]:
    names: set[str] = set()
    if depth > 8:
        return names
    if isinstance(obj, str):
        names.add(obj)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            names |= _mentioned_glyphs(k, depth + 1) | _mentioned_glyphs(v, depth + 1)
    elif isinstance(obj, list | tuple):
        for v in obj:
            names |= _mentioned_glyphs(v, depth + 1)
    elif hasattr(obj, "__dict__"):
        names |= _mentioned_glyphs(vars(obj), depth + 1)
    return names


def derive(source: bytes):
    """Return (font bytes, {glyph name: text}) for the derived face of a Sarabun file."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source), lazy=False)
    order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    if cmap.get(0x0E32) != SARA_AA or cmap.get(0x0E4D) != "uni0E4D":
        raise FontDerivationError("the font does not name SARA AA / NIKHAHIT as Sarabun does")
    gsub, gpos, gdef = font["GSUB"].table, font["GPOS"].table, font["GDEF"].table
    for tag in font.keys():  # decompile everything before the glyph order changes
        font[tag]

    nikhahits = _glyph_names(font, lambda g: g in ("uni0E4D", "uni0E4D.narrow"))
    ligatures = _glyph_names(font, lambda g: g.split(".")[0] in TONE_OF_LIGATURE)
    above = sorted({cmap[c] for c in THAI_ABOVE_MARKS if c in cmap} - set(nikhahits))
    above += _glyph_names(
        font, lambda g: g.split(".")[0] in {cmap.get(c) for c in THAI_ABOVE_MARKS} and "." in g
    )
    above = [g for g in above if g not in nikhahits and g not in ligatures]

    copies = {g: g + AM_SUFFIX for g in [*nikhahits, SARA_AA]}
    font.setGlyphOrder(order + list(copies.values()))
    glyf, hmtx = font["glyf"], font["hmtx"]
    glyf.glyphOrder = font.getGlyphOrder()
    for src, dst in copies.items():
        glyf.glyphs[dst] = copy.deepcopy(glyf[src])
        hmtx.metrics[dst] = hmtx.metrics[src]
        for classdef in (gdef.GlyphClassDef, getattr(gdef, "MarkAttachClassDef", None)):
            if classdef is not None and src in classdef.classDefs:
                classdef.classDefs[dst] = classdef.classDefs[src]
        _copy_gpos_records(gpos, src, dst)
    if "DSIG" in font:
        del font["DSIG"]

    # Our lookups go last, so they see the glyphs after all of Sarabun's own substitutions.
    lookups = gsub.LookupList.Lookup
    nik_lookup = len(lookups)
    lookups.append(_single_subst_lookup({g: copies[g] for g in nikhahits}))
    aa_lookup = len(lookups)
    lookups.append(_single_subst_lookup({SARA_AA: copies[SARA_AA]}))
    from fontTools.otlLib import builder

    nik_or_lig = nikhahits + ligatures
    glyph_map = font.getReverseGlyphMap(rebuild=True)
    subtables = [
        _chain_rule([nik_or_lig, [SARA_AA]], [(0, nik_lookup), (1, aa_lookup)], glyph_map),
        _chain_rule([nik_or_lig, above, [SARA_AA]], [(0, nik_lookup), (2, aa_lookup)], glyph_map),
    ]
    chain_lookup = len(lookups)
    lookups.append(builder.buildLookup(subtables, flags=0))
    gsub.LookupList.LookupCount = len(lookups)
    ccmp = [fr.Feature for fr in gsub.FeatureList.FeatureRecord if fr.FeatureTag == "ccmp"]
    if not ccmp:
        raise FontDerivationError("no ccmp feature to attach the SARA AM rule to")
    for feature in ccmp:
        feature.LookupListIndex.append(chain_lookup)
        feature.LookupCount = len(feature.LookupListIndex)

    for record in font["name"].names:
        text = record.toUnicode()
        if record.nameID in (1, 3, 4, 6, 16):
            new = text.replace("Sarabun", FAMILY if record.nameID != 6 else FAMILY.replace(" ", ""))
            record.string = new
    out = io.BytesIO()
    font.save(out)

    overrides = {copies[SARA_AA]: "\u0e33", SARA_AA: "\u0e32"}
    overrides.update({copies[g]: "" for g in nikhahits})
    overrides.update({g: TONE_OF_LIGATURE[g.split(".")[0]] for g in ligatures})
    return out.getvalue(), overrides


# sha256 of a derived face's bytes -> DerivedFace, for faces built in this process
_BY_SHA256: dict[bytes, DerivedFace] = {}


@functools.cache
def derived_face(file_name) -> DerivedFace:
    """The derived face of a bundled Sarabun file, built once per process (~0.5 s)."""
    from fontTools.ttLib import TTFont

    data, by_name = derive((fonts_dir() / file_name).read_bytes())
    glyph_ids = {name: i for i, name in enumerate(TTFont(io.BytesIO(data)).getGlyphOrder())}
    face = DerivedFace(file_name, data, {glyph_ids[n]: text for n, text in by_name.items()})
    _BY_SHA256[hashlib.sha256(data).digest()] = face
    return face


def face_for_data(data) -> DerivedFace | None:
    """The derived face whose bytes these are (a face WeasyPrint embedded), if it is one of ours."""
    return _BY_SHA256.get(hashlib.sha256(data).digest())


def font_face_css(url_prefix):
    """@font-face rules for the derived family, each face at url_prefix + file name."""
    rules = []
    for (weight, style), file_name in FACES.items():
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
            f'src: url("{url_prefix}{file_name}") format("truetype"); }}'
        )
    return "\n".join(rules)
