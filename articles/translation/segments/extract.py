"""Snapshotting a source's segments in a bounded number of queries.

wagtail-localize's `TranslationSource.refresh_segments()` runs `get_or_create` for each
String, TranslationContext and segment row: about ten queries a segment, so an article
of 800 segments took thousands of queries to submit or refresh.
`refresh_segments_in_bulk` writes the same rows (same keys, same values) with a handful
of set-based queries per table, whatever the article's size, and reports what changed
so that translations can be carried forward.
"""

import functools
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments


@dataclass(frozen=True)
class StringPosition:
    """One string segment of a source: where it is and which text it holds."""

    context_id: int
    string_id: int
    order: int


@dataclass
class SegmentRefresh:
    """What a refresh found: the string segments before and after (in page order),
    whether any segment row changed at all, and the instance the segments came from."""

    instance: models.Model
    before: list[StringPosition] = field(default_factory=list)
    after: list[StringPosition] = field(default_factory=list)
    changed: bool = False
    context_paths: dict[int, str] = field(default_factory=dict)
    string_data: dict[int, str] = field(default_factory=dict)


def refresh_segments_in_bulk(
    source: TranslationSource, *, instance: models.Model | None = None
) -> SegmentRefresh:
    """Bring the segment rows of `source` in line with its `content_json`, exactly as
    `TranslationSource.refresh_segments()` does, in a bounded number of queries.
    `instance`: the object `content_json` was just taken from, if at hand (saves
    rebuilding it from the JSON).

    Segment rows whose context and value are unchanged are kept (with their ids; only
    their order is updated), so an open translation editor keeps working."""
    with transaction.atomic():
        if instance is None:
            instance = source.as_instance()
        values = extract_segments(instance)
        before = [
            StringPosition(context_id, string_id, order)
            for context_id, string_id, order in StringSegment.objects.filter(
                source=source
            )
            .order_by("order")
            .values_list("context_id", "string_id", "order")
        ]
        contexts = _contexts_by_path(source, instance, {v.path for v in values})
        strings = _strings_by_hash(
            source.locale_id,
            [v.string.data for v in values if isinstance(v, StringSegmentValue)],
        )
        templates = _templates_by_uuid(
            [v for v in values if isinstance(v, TemplateSegmentValue)]
        )
        objects = _objects_by_key(
            [v for v in values if isinstance(v, RelatedObjectSegmentValue)]
        )

        wanted: dict[type[models.Model], list[dict]] = defaultdict(list)
        after: list[StringPosition] = []
        for value in values:
            row = {"context_id": contexts[value.path].pk, "order": value.order}
            if isinstance(value, TemplateSegmentValue):
                model = TemplateSegment
                row["template_id"] = templates[_template_uuid(value)]
            elif isinstance(value, RelatedObjectSegmentValue):
                model = RelatedObjectSegment
                row["object_id"] = objects[
                    (value.content_type.pk, value.translation_key)
                ]
            elif isinstance(value, OverridableSegmentValue):
                model = OverridableSegment
                row["data_json"] = json.dumps(value.data, cls=DjangoJSONEncoder)
            else:
                model = StringSegment
                row["string_id"] = strings[_data_hash(value.string.data)]
                row["attrs"] = json.dumps(value.attrs, cls=DjangoJSONEncoder)
                after.append(
                    StringPosition(row["context_id"], row["string_id"], value.order)
                )
            wanted[model].append(row)

        changed = False
        for model, key in _SEGMENT_KEYS.items():
            changed |= _match_rows(model, source, wanted[model], key)

    return SegmentRefresh(
        instance=instance,
        before=before,
        after=after,
        changed=changed,
        context_paths={c.pk: path for path, c in contexts.items()},
        string_data={
            strings[_data_hash(v.string.data)]: v.string.data
            for v in values
            if isinstance(v, StringSegmentValue)
        },
    )


# What identifies a segment row apart from its position (wagtail-localize's
# get_or_create keys, minus `order`, which we update in place).
_SEGMENT_KEYS: dict[type[models.Model], tuple[str, ...]] = {
    StringSegment: ("context_id", "string_id", "attrs"),
    TemplateSegment: ("context_id", "template_id"),
    RelatedObjectSegment: ("context_id", "object_id"),
    OverridableSegment: ("context_id", "data_json"),
}


def _match_rows(
    model: type[models.Model],
    source: TranslationSource,
    wanted: list[dict],
    key: tuple[str, ...],
) -> bool:
    """Keep the rows that match, create the missing, delete the rest. True if any row
    was created, deleted or moved."""
    pool: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for row in (
        model.objects.filter(source=source)
        .order_by("order")
        .values("id", "order", *key)
    ):
        pool[tuple(row[k] for k in key)].append((row["id"], row["order"]))
    to_create, to_move = [], []
    for fields in wanted:
        matches = pool.get(tuple(fields[k] for k in key))
        if matches:
            row_id, order = matches.pop(0)
            if order != fields["order"]:
                to_move.append(model(id=row_id, order=fields["order"]))
        else:
            to_create.append(model(source=source, **fields))
    to_delete = [row_id for rows in pool.values() for row_id, _order in rows]
    if to_delete:
        model.objects.filter(id__in=to_delete).delete()
    if to_move:
        model.objects.bulk_update(to_move, ["order"], batch_size=500)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=500)
    return bool(to_delete or to_move or to_create)


def _contexts_by_path(
    source: TranslationSource, instance: models.Model, paths: set[str]
) -> dict[str, TranslationContext]:
    ids = {TranslationContext._get_path_id(path): path for path in paths}
    found = {
        c.path: c
        for c in TranslationContext.objects.filter(
            object_id=source.object_id, path_id__in=list(ids)
        )
    }
    missing = [path for path in paths if path not in found]
    if missing:
        field_paths = _stream_field_paths(instance)
        new = [
            TranslationContext(
                object_id=source.object_id,
                path=path,
                path_id=TranslationContext._get_path_id(path),
                field_path=field_paths.get(path) or _field_path(instance, path),
            )
            for path in missing
        ]
        TranslationContext.objects.bulk_create(
            new, batch_size=500, ignore_conflicts=True
        )
        found.update(
            (c.path, c)
            for c in TranslationContext.objects.filter(
                object_id=source.object_id,
                path_id__in=[TranslationContext._get_path_id(p) for p in missing],
            )
        )
    # Contexts made before wagtail-localize 1.0 have no field path; fill them in.
    unfilled = [c for c in found.values() if not c.field_path]
    for context in unfilled:
        context.field_path = _field_path(instance, context.path)
    if unfilled:
        TranslationContext.objects.bulk_update(unfilled, ["field_path"], batch_size=500)
    return found


def _stream_field_paths(instance: models.Model) -> dict[str, str]:
    """Content path -> field path of every block in the instance's StreamFields, in one
    walk: `TranslationContext.get_field_path()` walks from the top for each path,
    which is quadratic in the size of the body. Paths that end inside a block (table
    cells, image block fields) are left to wagtail-localize."""
    found: dict[str, str] = {}

    def walk(value, path: str, field_path: str) -> None:
        if isinstance(value, blocks.StreamValue):
            children = [(child.id, child.block_type, child.value) for child in value]
        elif isinstance(value, blocks.list_block.ListValue):
            children = [(child.id, "item", child.value) for child in value.bound_blocks]
        elif isinstance(value, blocks.StructValue):
            children = [(name, name, child) for name, child in value.items()]
        else:
            return
        for child_id, block_type, child_value in children:
            child_path, child_field_path = (
                f"{path}.{child_id}",
                f"{field_path}.{block_type}",
            )
            found[child_path] = child_field_path
            walk(child_value, child_path, child_field_path)

    for model_field in instance._meta.concrete_fields:
        if isinstance(model_field, StreamField):
            name = model_field.name
            walk(model_field.value_from_object(instance), name, name)
    return found


def _field_path(instance: models.Model, path: str) -> str:
    """wagtail-localize's own derivation of a field path, without its save()."""
    context = TranslationContext(path=path, field_path="")
    context.save = lambda **kwargs: None  # computed here, stored by bulk_create
    return context.get_field_path(instance)


@functools.lru_cache(maxsize=8192)
def _data_hash(text: str):
    """wagtail-localize's String key (a uuid5 of the text), computed once per text."""
    return String._get_data_hash(text)


def _strings_by_hash(locale_id: int, texts: list[str]) -> dict:
    by_hash = {_data_hash(text): text for text in texts}
    found = dict(
        String.objects.filter(
            locale_id=locale_id, data_hash__in=list(by_hash)
        ).values_list("data_hash", "id")
    )
    missing = [h for h in by_hash if h not in found]
    if missing:
        String.objects.bulk_create(
            [
                String(locale_id=locale_id, data_hash=h, data=by_hash[h])
                for h in missing
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        found.update(
            String.objects.filter(
                locale_id=locale_id, data_hash__in=missing
            ).values_list("data_hash", "id")
        )
    return found


def _template_uuid(value: TemplateSegmentValue) -> uuid.UUID:
    # Template.from_value's key, computed without a query.
    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
    return uuid.uuid5(namespace, value.template)


def _templates_by_uuid(values: list[TemplateSegmentValue]) -> dict:
    by_uuid = {_template_uuid(v): v for v in values}
    found = dict(
        Template.objects.filter(uuid__in=list(by_uuid)).values_list("uuid", "id")
    )
    missing = [u for u in by_uuid if u not in found]
    if missing:
        Template.objects.bulk_create(
            [
                Template(
                    uuid=u,
                    template=by_uuid[u].template,
                    template_format=by_uuid[u].format,
                    string_count=by_uuid[u].string_count,
                )
                for u in missing
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        found.update(
            Template.objects.filter(uuid__in=missing).values_list("uuid", "id")
        )
    return found


def _objects_by_key(values: list[RelatedObjectSegmentValue]) -> dict:
    found = {}
    for value in values:
        key = (value.content_type.pk, value.translation_key)
        if key not in found:
            # Few per page (topics, author, reviewer): one get_or_create each is fine.
            found[key] = TranslatableObject.objects.get_or_create(
                content_type_id=key[0], translation_key=key[1]
            )[0].pk
    return found


def texts_by_path(instance: models.Model) -> dict[str, list[str]]:
    """The string segments' texts of `instance` (a page as a revision holds it), by
    their path, in order: what was written at each place of that version."""
    texts: dict[str, list[str]] = defaultdict(list)
    for value in extract_segments(instance):
        if isinstance(value, StringSegmentValue):
            texts[value.path].append(value.string.data)
    return texts
