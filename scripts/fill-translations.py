#!/usr/bin/env python3
"""Fills the unfinished entries lupdate added: English with the source text, Korean from the table given as JSON.

    scripts/fill-translations.py ko.json   # {"source text": "번역", ...}; sources as they appear in the .ts (escaped)
Leaves anything it has no translation for unfinished, so translations_complete names it.
"""
import json
import re
import sys

# lupdate leaves new entries empty, or guesses them from a same text elsewhere: both are still unfinished.
UNFINISHED = re.compile(
    r'<source>([^<]*)</source>(\s*(?:<comment>[^<]*</comment>\s*)?)<translation type="unfinished">[^<]*</translation>')


def fill(path, translate):
    with open(path, encoding='utf-8') as f:
        text = f.read()

    def replace(match):
        source, space = match.group(1), match.group(2)
        translation = translate(source)
        if translation is None:
            return match.group(0)
        return f'<source>{source}</source>{space}<translation>{translation}</translation>'

    with open(path, 'w', encoding='utf-8') as f:
        f.write(UNFINISHED.sub(replace, text))


korean = json.load(open(sys.argv[1], encoding='utf-8')) if len(sys.argv) > 1 else {}
fill('resources/translations/herald_en.ts', lambda source: source)
fill('resources/translations/herald_ko.ts', korean.get)
