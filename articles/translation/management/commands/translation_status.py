"""Where every article stands in every language, for content teams' scripts: the same
matrix as the admin's "Translation status" report."""

import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles.locales import content_language_codes
from articles.translation.status.cells import ArticleStatusRow, CellState, CellStatus
from articles.translation.status.report import (
    content_locales,
    source_articles,
    translation_status,
)

EXIT_OUTDATED = 1
EXIT_USAGE = 2


class Command(BaseCommand):
    help = (
        "Print the translation state of every source article in each locale: "
        "missing, in_progress (with percent), awaiting_review, published, outdated "
        "(with when the source changed and how many segments), or source."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale",
            action="append",
            default=[],
            metavar="CODE",
            help="Only these locales; repeat or separate with commas (default: all).",
        )
        parser.add_argument(
            "--format", choices=["table", "json"], default="table", dest="output"
        )
        parser.add_argument(
            "--fail-on-outdated",
            action="store_true",
            help="Exit with status 1, after printing, when any translation is "
            "outdated.",
        )

    def handle(self, *args, locale, output, fail_on_outdated, **options):
        locales = content_locales(self.locale_codes(locale))
        rows = translation_status(source_articles(), locales)
        if output == "json":
            self.stdout.write(json.dumps(as_json(rows), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_table(rows, [loc.language_code for loc in locales]))
        outdated = sum(
            cell.state == CellState.OUTDATED for row in rows for cell in row.cells
        )
        if fail_on_outdated and outdated:
            raise CommandError(
                f"{outdated} translation(s) outdated.", returncode=EXIT_OUTDATED
            )

    def locale_codes(self, values: list[str]) -> list[str] | None:
        codes = [code.strip() for value in values for code in value.split(",")]
        codes = [code for code in codes if code]
        if not codes:
            return None
        known = {code.lower(): code for code in content_language_codes()}
        unknown = [code for code in codes if code.lower() not in known]
        if unknown:
            raise CommandError(
                f"Unknown locale(s): {', '.join(unknown)}. "
                f"Known: {', '.join(known.values())}.",
                returncode=EXIT_USAGE,
            )
        return list(dict.fromkeys(known[code.lower()] for code in codes))


def as_json(rows: list[ArticleStatusRow]) -> list[dict]:
    return [
        {
            "slug": row.slug,
            "title": row.title,
            "translation_key": str(row.translation_key),
            "source_locale": row.language_code,
            "locales": {
                cell.language_code: {
                    "state": cell.state.value,
                    "percent": cell.percent,
                    "source_changed_at": (
                        cell.source_changed_at.isoformat()
                        if cell.source_changed_at
                        else None
                    ),
                    "changed_segments": cell.changed_segments,
                }
                for cell in row.cells
            },
        }
        for row in rows
    ]


def short_cell(cell: CellStatus) -> str:
    if cell.state == CellState.IN_PROGRESS and cell.percent is not None:
        return f"in_progress {cell.percent}%"
    if cell.state == CellState.OUTDATED and cell.source_changed_at:
        return (
            f"outdated {cell.source_changed_at.date().isoformat()} "
            f"({cell.changed_segments} changed)"
        )
    return cell.state.value


def as_table(rows: list[ArticleStatusRow], codes: list[str]) -> str:
    lines = [["article", *codes]]
    lines += [[row.slug, *(short_cell(cell) for cell in row.cells)] for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = [
        "  ".join(
            value.ljust(width) for value, width in zip(line, widths, strict=True)
        ).rstrip()
        for line in lines
    ]
    totals = Counter(cell.state.value for row in rows for cell in row.cells)
    summary = ", ".join(
        f"{totals[state.value]} {state.value}"
        for state in CellState
        if state.value in totals
    )
    text.append("")
    text.append(f"{len(rows)} article(s): {summary or 'no cells'}.")
    return "\n".join(text)
