"""What the file exchanges with agencies share (termbase TBX, translation memory
TMX): a size limit, XML parsed without entities or external references, and the
commands' reading and writing of files."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 (types only; parsing is defused)
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .conf import translation_settings


class UnreadableFile(ValueError):
    """A file that cannot be read at all; the message says why. Nothing is applied."""


def check_size(data: bytes) -> None:
    limit = translation_settings().xliff_max_bytes
    if len(data) > limit:
        raise UnreadableFile(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": f"{len(data):,}", "limit": f"{limit:,}"}
        )


def parse_untrusted_xml(data: bytes, *, kind: str) -> ET.Element:
    """The root element of `data`. A DOCTYPE naming an external DTD is allowed (CAT
    tools and translate-toolkit write one; it is never fetched); entities and
    external references are refused. `kind` names the file in messages ("TMX")."""
    check_size(data)
    try:
        return SafeET.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise UnreadableFile(
            _(
                "The file declares XML entities or external references, which are "
                "not allowed in a %(kind)s file (they can be used to attack the "
                "server)."
            )
            % {"kind": kind}
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise UnreadableFile(
            _(
                "The file is not well-formed XML (line %(line)d, column %(column)d). "
                "Nothing was imported."
            )
            % {"line": line, "column": column}
        ) from None


def read_command_file(file: str) -> bytes:
    try:
        return Path(file).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from error


def write_command_output(command, data: bytes, output: str | None) -> None:
    """`data` to the file `output`, or to the command's standard output."""
    if not output:
        command.stdout.write(data.decode("utf-8"), ending="")
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
    command.stdout.write(f"Wrote {output}.")


def report_problems(command, file: str, problems: list[str], what: str) -> None:
    """Each problem of an import on stderr, then exit 1 if there were any (the valid
    entries are applied by then)."""
    for problem in problems:
        command.stderr.write(f"{file}: {problem}")
    if problems:
        raise CommandError(
            f"{len(problems)} {what} were not imported (see above); the others were."
        )
