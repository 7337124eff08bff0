"""Personal data: one place that finds every copy of a person's e-mail address and phone numbers.

Three commands use it and nothing else decides what a copy is:

- `purge_contact_details` (retention): once every membership of a board.Person has ended
  more than CONTACT_RETENTION_DAYS ago, their contact details are erased from the person
  and every copy of them is erased everywhere below. Names and memberships stay.
- `export_person_data` (access request): the person's record, memberships and history, every
  copy found below, and what the other apps' providers export.
- `erase_person` (erasure request): the same copies erased on request, with `--dry-run`
  listing every change first. The person's own record is deleted when nothing refers to it;
  a person with memberships keeps name and memberships (appointments by a municipal body are
  public record that the city must keep: GDPR art. 17(3)(b)), losing contact details.

Where copies are found (`find_copies`): every concrete model of every installed app, through
the app registry, each column once (`local_concrete_fields`: a page's own fields on its
specific model, Page's on wagtailcore.Page): every CharField and TextField (rich text is a
TextField), every JSONField and StreamField (walked value by value, keys too), so page bodies,
snippets such as meetings, documents' extracted text, Wagtail revisions and audit-log data,
wagtail-localize's sources, strings, translations and segments, form submissions, queued
tasks and the search index (the database backend's `wagtailsearch_indexentry`: on SQLite the
indexed text, on PostgreSQL the plain-text mirrors written with the vectors; vectors are
checked for e-mail addresses) are all covered, and so is any model an app adds later.

How a copy is recognised (`Subject`): an e-mail address case-insensitively, not as part of a
longer address; a phone number by its digits, whatever separators people write between them
(spaces, no-break spaces, hyphens, dots, brackets, slashes, `&nbsp;`) and with or without the
country code: +358 40 123 4567, +358401234567, 00358 40 123 4567, +358 (0)40 123 4567,
040-1234567, 040 123 45 67, (09) 310 12345 are one number. The database narrows the rows
first (the digits with every such separator removed must contain the number's digits), then
Python checks each value, so the two cannot disagree.

Erasing (`plan` / `apply`): every copy is replaced by nothing inside its text, JSON or stream
value (structure kept). wagtail-localize's String gets its hash recomputed (merged with an
identical string). Every changed object that is indexed is indexed again; an index entry
that still holds a copy afterwards (or whose object is gone) is deleted; SQLite's full-text
table is optimised so deleted words leave its segments. Finally every place is searched again
and anything left undoes the whole erasure (one transaction). The change is written to the
audit log without the erased values, and the public content version is bumped.

Extension point for other apps: an installed app may provide a module `<app>/personal_data.py`
with

    def export(email: str, phones: list[str]) -> list[dict]:
        '''JSON-serialisable records the app holds about the person.'''

    def erase(email: str, phones: list[str], dry_run: bool) -> list[str]:
        '''Erase them (unless dry_run); return human-readable, translated descriptions of
        each change (made or, with dry_run, to be made).'''

and optionally `MODELS = ["app_label.ModelName", ...]`, the models whose rows the provider
exports and erases itself (e.g. deletes a subscription instead of blanking its address): the
generic copies leave them out, but the final check still searches them. `email` is
lower-case, or "" when only phone numbers are known; `phones` are canonical ("+358401234567",
see `normalise_phone`): use `Subject(email, phones).find(text)` to match them in any form.
Providers are called first, inside the erasure's transaction: an exception undoes everything.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, models, transaction
from django.db.models import Max, Min, Q, TextField, Value
from django.db.models.functions import Cast, Replace
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from wagtail.fields import StreamField

CONTACT_FIELDS = ("email", "phone")
ERASED = "cms_security.personal_data_erased"

# Written between a phone number's digits. The database strips exactly these before its
# first, coarse test; the exact test allows exactly these: one list for both.
SEPARATORS = (
    "&nbsp;",
    "&#160;",
    "&#xa0;",
    "\\u00a0",  # as JSON text stores a no-break space (SQLite)
    "\\u202f",
    "\\u2009",
    "\\u2010",
    "\\u2011",
    "\\u2013",
    " ",
    "\t",
    "\n",
    "\r",
    "\u00a0",
    "\u202f",
    "\u2009",
    "-",
    "\u2010",
    "\u2011",
    "\u2013",
    ".",
    "(",
    ")",
    "/",
)
_SEP = "(?:" + "|".join(re.escape(s) for s in SEPARATORS) + ")*"
MIN_PHONE_DIGITS = 7


class PersonalDataError(Exception):
    """A request the tools refuse (message translated)."""


class ErasureIncomplete(PersonalDataError):
    """Copies were still found after erasing: the transaction is undone."""


def normalise_phone(raw: str) -> str:
    """A phone number as one canonical string, "+" and digits with the country code.

    Finnish forms without a country code (040…, (09)…) get +358. Too few digits to tell a
    number from other figures: PersonalDataError.
    """
    text = (raw or "").strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        full = digits
    elif digits.startswith("00"):
        full = digits[2:]
    elif digits.startswith("0"):
        full = "358" + digits[1:]
    elif digits.startswith("358"):
        full = digits
    else:
        full = "358" + digits
    national = full[3:] if full.startswith("358") else full
    if len(national) < MIN_PHONE_DIGITS - 1:
        raise PersonalDataError(
            _("“%(phone)s” is not a phone number: too few digits to find it safely.") % {"phone": raw}
        )
    return "+" + full


def _phone_pattern(canonical: str) -> tuple[str, str]:
    """(regex, the digits every written form contains once separators are removed)."""
    full = canonical.lstrip("+")
    if full.startswith("358"):
        significant = full[3:]
        prefix = rf"(?:(?:\+|00)?{_SEP}358{_SEP}(?:\(0\){_SEP})?|\(?0{_SEP})"
    else:
        significant = full
        prefix = rf"(?:\+|00)?{_SEP}"
    body = _SEP.join(re.escape(d) for d in significant)
    return rf"(?<![0-9A-Za-z+]){prefix}{body}(?![0-9])", significant


class Subject:
    """A person as the tools look for them: an e-mail address and phone numbers."""

    def __init__(self, email: str = "", phones=()):
        self.email = (email or "").strip().lower()
        self.phones = list(dict.fromkeys(normalise_phone(p) for p in phones if p and p.strip()))
        patterns, self.phone_digits = [], []
        if self.email:
            patterns.append(rf"(?<![A-Za-z0-9._%+\-]){re.escape(self.email)}(?![A-Za-z0-9_\-]|\.[A-Za-z0-9])")
        for phone in self.phones:
            pattern, digits = _phone_pattern(phone)
            patterns.append(pattern)
            self.phone_digits.append(digits)
        self.regex = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    def __bool__(self) -> bool:
        return self.regex is not None

    def find(self, text) -> list[str]:
        """The copies written in `text` (a string, or JSON-like data walked value by value)."""
        if self.regex is None:
            return []
        return [m.group(0) for s in _strings(text) for m in self.regex.finditer(s)]

    def scrub(self, value):
        """`value` (a string or JSON-like) with every copy replaced by nothing."""
        if isinstance(value, str):
            return self.regex.sub("", value) if self.regex is not None else value
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if isinstance(value, dict):
            return {self.scrub(k): self.scrub(v) for k, v in value.items()}
        return value

    def narrowing(self, expressions: dict[str, models.Expression]) -> tuple[dict, Q]:
        """Annotations and a filter that keep every row whose text may hold a copy (a
        superset: the database cannot read JSON escapes or HTML; `find` decides)."""
        annotations, condition = {}, Q()
        for name, expression in expressions.items():
            if self.email:
                condition |= Q(**{f"{name}__icontains": self.email})
            if self.phone_digits:
                stripped = expression
                for separator in (*SEPARATORS, "+"):
                    stripped = Replace(stripped, Value(separator), Value(""), output_field=TextField())
                annotations[f"{name}_digits"] = stripped
                for digits in self.phone_digits:
                    condition |= Q(**{f"{name}_digits__contains": digits})
        return annotations, condition


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)


# --- Where: every text-like column of every model ---------------------------------------


def _is_json(f) -> bool:
    return isinstance(f, (models.JSONField, StreamField))


def _is_vector(f) -> bool:
    return f.get_internal_type() == "TSVectorField" or type(f).__name__ == "SearchVectorField"


def _text_fields(model) -> list:
    return [
        f
        for f in model._meta.local_concrete_fields
        if not f.primary_key
        and (isinstance(f, (models.CharField, models.TextField)) or _is_json(f) or _is_vector(f))
    ]


@functools.cache
def _index_models() -> tuple:
    found = []
    for label in ("wagtailsearch.IndexEntry", "wagtailsearch.SQLiteFTSIndexEntry"):
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return tuple(found)


def searched_models() -> list:
    """Every model whose rows are searched, each table once."""
    return [
        m
        for m in apps.get_models()
        if not m._meta.proxy and (m._meta.managed or m in _index_models()) and _text_fields(m)
    ]


@dataclass
class Copy:
    """Copies of the subject's details in one field of one row."""

    model: type
    pk: object
    field: str
    found: list[str]
    label: str = ""

    @property
    def model_label(self) -> str:
        return self.model._meta.label

    @property
    def is_index(self) -> bool:
        return self.model in _index_models()

    def as_dict(self) -> dict:
        return {
            "model": self.model_label,
            "id": str(self.pk),
            "object": self.label,
            "field": self.field,
            "found": sorted(set(self.found)),
        }


def _labels(model, pks) -> dict:
    """Each object's name, for staff (one query per model)."""
    labels = {}
    for pk, obj in model._base_manager.in_bulk(list(pks)).items():
        try:
            labels[pk] = str(obj)[:200]
        except Exception:  # noqa: BLE001, S112 - __str__ of a half-valid row: the id is enough
            continue
    return labels


def find_copies(subject: Subject, models_=None) -> list[Copy]:
    """Every field of every row that holds a copy of the subject's e-mail or phone numbers."""
    if not subject:
        return []
    copies = []
    for model in models_ or searched_models():
        fields = _text_fields(model)
        expressions = {f"_gdpr_{f.attname}": Cast(f.attname, TextField()) for f in fields}
        annotations, condition = subject.narrowing(expressions)
        rows = (
            model._base_manager.annotate(**expressions, **annotations)
            .filter(condition)
            .values_list("pk", *expressions)
            .order_by("pk")
        )
        mine = []
        for pk, *values in rows.iterator(chunk_size=200):
            for f, raw in zip(fields, values, strict=True):
                if raw is None:
                    continue
                value = _decoded(f, raw)
                found = subject.find(value)
                if found:
                    mine.append(Copy(model, pk, f.attname, found))
        if mine:
            labels = _labels(model, {c.pk for c in mine})
            for copy in mine:
                copy.label = labels.get(copy.pk, "")
        copies += mine
    return copies


def _decoded(f, raw: str):
    if _is_json(f):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


# --- Other apps' providers ---------------------------------------------------------------


def providers() -> list[tuple[str, object]]:
    """(app label, module) for every installed app with a `personal_data` module."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "personal_data"):
            found.append((app_config.label, import_module(f"{app_config.name}.personal_data")))
    return found


def _provider_models() -> set:
    labels = set()
    for _app, module in providers():
        labels |= {label.lower() for label in getattr(module, "MODELS", ())}
    return labels


# --- Retention ----------------------------------------------------------------------------


def _models():
    """The people (settings.PERSONAL_DATA_PERSON_MODEL, board.Person) and their memberships."""
    Person = apps.get_model(settings.PERSONAL_DATA_PERSON_MODEL)
    return Person, Person._meta.get_field("memberships").related_model


def ended_on(person) -> datetime.date | None:
    """When the person's last membership ended; None while serving or never appointed.

    An open-ended membership ends when a successor starts in the same seat and position, or
    (without a seat) with its term; of those, the later date counts so nothing goes early.
    """
    _person, Membership = _models()
    memberships = list(Membership.objects.filter(person=person).select_related("term", "role"))
    if not memberships or Membership.objects.current().filter(person=person).exists():
        return None
    ends = []
    for membership in memberships:
        if membership.end_date:
            ends.append(membership.end_date)
            continue
        end = membership.term.end_date
        if membership.seat_id:
            successor = (
                Membership.objects.filter(
                    seat_id=membership.seat_id,
                    start_date__gt=membership.start_date,
                    role__kind=membership.role.kind,
                )
                .aggregate(first=Min("start_date"))
                .get("first")
            )
            if successor:
                end = max(end, successor)
        ends.append(end)
    return max(ends)


def people_due(retention_days: int, today: datetime.date | None = None):
    """People with contact details whose memberships all ended more than `retention_days` ago."""
    Person, _membership = _models()
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=retention_days)
    candidates = (
        Person.objects.exclude(email="", phone="")
        .annotate(last_start=Max("memberships__start_date"))
        .filter(last_start__lte=cutoff)
    )
    return [person for person in candidates if (end := ended_on(person)) is not None and end <= cutoff]


def subject_of(person=None, email: str = "", phones=()) -> Subject:
    """The person's own details plus any given on request."""
    if email and email.strip():
        try:  # the address given on request; the record's own is searched as it is stored
            validate_email(email.strip())
        except ValidationError:
            raise PersonalDataError(_("“%(email)s” is not an e-mail address.") % {"email": email}) from None
    emails = [e.strip() for e in (getattr(person, "email", ""), email) if e and e.strip()]
    if len({e.lower() for e in emails}) > 1:
        raise PersonalDataError(
            _("The e-mail address given differs from the person's own (%(email)s).") % {"email": emails[0]}
        )
    phone_list = [p for p in (getattr(person, "phone", ""), *phones) if p]
    return Subject(emails[0] if emails else "", phone_list)


# --- Plan and apply --------------------------------------------------------------------------


@dataclass
class Plan:
    subject: Subject
    person: object = None
    own_record: str = "none"  # "delete", "contact" (clear details), "anonymise", "none"
    copies: list[Copy] = field(default_factory=list)
    provider_changes: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        """Every change, for staff (translated)."""
        lines = list(self.provider_changes)
        person = self.person
        if person is not None:
            values = {"person": person.full_name, "id": person.pk}
            if self.own_record == "delete":
                lines.append(
                    _("board.Person %(id)s “%(person)s”: delete the record (no memberships)") % values
                )
            elif self.own_record in ("contact", "anonymise"):
                lines.append(
                    _(
                        "board.Person %(id)s “%(person)s”: clear e-mail and phone and their consents; "
                        "name and memberships stay (public record)"
                    )
                    % values
                )
                if self.own_record == "anonymise":
                    lines.append(
                        _("board.Person %(id)s: replace the name with “%(name)s”")
                        % {
                            "id": person.pk,
                            "name": anonymous_name(person)[1],
                        }
                    )
        for copy in self.copies:
            values = {
                "model": copy.model_label,
                "id": copy.pk,
                "object": copy.label,
                "field": copy.field,
                "found": ", ".join(f"“{v}”" for v in sorted(set(copy.found))),
            }
            if copy.is_index:
                lines.append(
                    _(
                        "%(model)s %(id)s “%(object)s”, field %(field)s: holds %(found)s; "
                        "index again from the erased object, or delete the entry"
                    )
                    % values
                )
            else:
                lines.append(_("%(model)s %(id)s “%(object)s”, field %(field)s: remove %(found)s") % values)
                if any(isinstance(f, models.FileField) for f in copy.model._meta.concrete_fields):
                    lines.append(
                        _("%(model)s %(id)s: the stored file is not changed; replace or delete it by hand")
                        % values
                    )
        return lines


def anonymous_name(person) -> tuple[str, str]:
    return "", _("Person %(id)s") % {"id": person.pk}


def plan(
    subject: Subject, person=None, own_record: str = "none", dry_run: bool = True, other_apps: bool = True
) -> Plan:
    """What erasing the subject changes. Providers are asked with `dry_run` (so with
    dry_run=False they already erase: call only inside `erase`'s transaction). Without
    `other_apps` (retention of board contact details) the providers' data is left alone:
    it rests on the person's own consent, not on their membership."""
    result = Plan(subject, person, own_record)
    if other_apps:
        for _app, module in providers():
            result.provider_changes += list(module.erase(subject.email, subject.phones, dry_run))
    skip = _provider_models()
    Person, _membership = _models()
    copies = []
    for copy in find_copies(subject):
        if copy.model_label.lower() in skip:
            continue
        if (
            person is not None
            and copy.model is Person
            and copy.pk == person.pk
            and copy.field in CONTACT_FIELDS
        ):
            continue  # the record itself: own_record says what happens
        copies.append(copy)
    result.copies = copies
    return result


def erase(
    subject: Subject, person=None, own_record: str = "none", user=None, other_apps: bool = True
) -> Plan:
    """Erase every copy (and the person's record as `own_record` says), all or nothing."""
    with transaction.atomic():
        done = plan(subject, person, own_record, dry_run=False, other_apps=other_apps)
        _erase_own_record(done)
        changed = _erase_copies(done)
        _reindex(subject, changed)
        skip = set() if other_apps else _provider_models()
        left = [c for c in find_copies(subject) if c.model_label.lower() not in skip]
        if left:
            raise ErasureIncomplete(
                _("Copies remain after erasing, so nothing was changed: %(places)s")
                % {"places": "; ".join(f"{c.model_label} {c.pk} {c.field}" for c in left)}
            )
        _log(done, user)
        from cms import cache

        cache.bump("personal data erased")
    return done


def _erase_own_record(done: Plan) -> None:
    person = done.person
    if person is None or done.own_record == "none":
        return
    if done.own_record == "delete":
        person.delete()
        return
    person.email, person.phone = "", ""
    person.email_public = person.phone_public = False
    fields = ["email", "phone", "email_public", "phone_public"]
    if done.own_record == "anonymise":
        person.first_name, person.last_name = anonymous_name(person)
        fields += ["first_name", "last_name"]
    person.save(update_fields=fields)


def _erase_copies(done: Plan) -> set[tuple[type, object]]:
    """Rewrite every field holding a copy; return the (model, pk) changed."""
    by_row: dict[tuple[type, object], list[str]] = {}
    for copy in done.copies:
        if not copy.is_index:
            by_row.setdefault((copy.model, copy.pk), []).append(copy.field)
    for (model, pk), names in by_row.items():
        fields = [model._meta.get_field(n) for n in names]
        # Cast to text: read JSON and streams as stored, not as blocks.
        expressions = {f"_gdpr_{f.attname}": Cast(f.attname, TextField()) for f in fields}
        row = model._base_manager.filter(pk=pk).annotate(**expressions).values_list(*expressions).first()
        if row is None:
            continue
        updates = {}
        for f, raw in zip(fields, row, strict=True):
            if raw is None:
                continue
            value = _decoded(f, raw)
            updates[f.attname] = done.subject.scrub(value) if _is_json(f) else done.subject.scrub(raw)
        model._base_manager.filter(pk=pk).update(**updates)
        fixup = _FIXUPS.get(model._meta.label_lower)
        if fixup:
            fixup(model, pk)
    return set(by_row)


def _fix_localize_string(model, pk) -> None:
    """wagtail-localize finds a String by the hash of its text: recompute it, and merge into
    an identical string of the same locale if there is one."""
    string = model.objects.get(pk=pk)
    new_hash = model._get_data_hash(string.data)
    twin = model.objects.filter(locale_id=string.locale_id, data_hash=new_hash).exclude(pk=pk).first()
    if twin is None:
        model.objects.filter(pk=pk).update(data_hash=new_hash)
        return
    from wagtail_localize.models import StringSegment, StringTranslation

    StringSegment.objects.filter(string_id=pk).update(string=twin)
    for translation in StringTranslation.objects.filter(translation_of_id=pk):
        exists = StringTranslation.objects.filter(
            translation_of=twin, locale_id=translation.locale_id, context_id=translation.context_id
        ).exists()
        if exists:
            translation.delete()
        else:
            StringTranslation.objects.filter(pk=translation.pk).update(translation_of=twin)
    string.delete()


_FIXUPS = {"wagtail_localize.string": _fix_localize_string}


def _reindex(subject: Subject, changed: set[tuple[type, object]]) -> None:
    """Index every changed object again; delete index entries that still hold a copy."""
    from modelsearch.index import class_is_indexed, insert_or_update_object

    index_models = _index_models()
    if not index_models:
        return
    IndexEntry = index_models[0]
    objects = set(changed)
    entry_pks = {c.pk for c in find_copies(subject, index_models)}
    for entry in IndexEntry.objects.filter(pk__in=entry_pks).select_related("content_type"):
        model = entry.content_type.model_class()
        if model is not None:
            objects.add((model, entry.object_id))
    for model, pk in objects:
        obj = model._base_manager.filter(pk=pk).first()
        if obj is None:
            continue
        specific = getattr(obj, "specific_deferred", None) or obj
        if class_is_indexed(type(specific)) or class_is_indexed(model):
            insert_or_update_object(specific)
    left = [c.pk for c in find_copies(subject, index_models)]
    if left:
        IndexEntry.objects.filter(pk__in=left).delete()
    if connection.vendor == "sqlite" and len(index_models) > 1:
        table = index_models[1]._meta.db_table
        with connection.cursor() as cursor:
            # Deleted rows' words stay in FTS5's segments until they are merged.
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608 - model's table


def _log(done: Plan, user) -> None:
    """Audit log: what was erased, by place, never the erased values."""
    from wagtail.models import ModelLogEntry

    Person, _membership = _models()
    counts: dict[str, int] = {}
    for copy in done.copies:
        counts[copy.model_label] = counts.get(copy.model_label, 0) + 1
    person = done.person
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk) if person is not None else "request",
        label=(
            person.full_name if person is not None and done.own_record != "delete" else _("Erasure request")
        )[:255],
        action=ERASED,
        data={
            "own_record": done.own_record,
            "copies": counts,
            "other_apps": len(done.provider_changes),
        },
        timestamp=timezone.now(),
        user=user,
    )


def purge_person(person) -> Plan:
    """Retention: erase one person's contact details and every copy of them; names stay."""
    return erase(subject_of(person), person, own_record="contact", other_apps=False)


def find_person(identifier: str):
    """The board.Person an id or e-mail address names (PersonalDataError if none or several)."""
    Person, _membership = _models()
    identifier = (identifier or "").strip()
    if "@" in identifier:
        lookup = {"email__iexact": identifier}
    else:
        lookup = {"pk": int(identifier) if identifier.isdigit() else -1}
    matches = list(Person.objects.filter(**lookup)[:2])
    if not matches:
        raise PersonalDataError(_("No person matches “%(person)s”.") % {"person": identifier})
    if len(matches) > 1:
        raise PersonalDataError(
            _("Several people match “%(person)s”; give the id instead.") % {"person": identifier}
        )
    return matches[0]


def own_record_action(person, anonymise: bool = False) -> str:
    """Erasure request: a person nobody refers to is deleted; with memberships (public record
    of the board's decisions) the contact details go, the name stays unless `anonymise`."""
    if person is None:
        return "none"
    if person.memberships.exists():
        return "anonymise" if anonymise else "contact"
    return "delete"


# --- Export ------------------------------------------------------------------------------------


def export_person(person=None, subject: Subject | None = None) -> dict:
    """Everything the site holds about a person, for a data subject access request."""
    from wagtail.models import ModelLogEntry

    subject = subject or subject_of(person)
    data: dict = {"exported_at": timezone.now().isoformat()}
    if person is not None:
        _person, Membership = _models()
        memberships = Membership.objects.filter(person=person).select_related(
            "term", "role", "seat", "organisation"
        )
        person_type = ContentType.objects.get_for_model(type(person))
        data["person"] = {
            "id": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "email_may_be_published": person.email_public,
            "phone": person.phone,
            "phone_may_be_published": person.phone_public,
        }
        data["memberships"] = [
            {
                "term": str(m.term),
                "role": m.role.name,
                "seat": m.seat.name if m.seat_id else None,
                "organisation": m.organisation.name if m.organisation_id else "",
                "start_date": m.start_date.isoformat(),
                "end_date": m.end_date.isoformat() if m.end_date else None,
                "decision_date": m.decision_date.isoformat() if m.decision_date else None,
                "diary_number": m.diary_number,
                "decision_section": m.decision_section,
            }
            for m in memberships
        ]
        data["history"] = [
            {
                "time": entry.timestamp.isoformat(),
                "action": entry.action,
                "by": entry.user.get_username() if entry.user_id else None,
            }
            for entry in ModelLogEntry.objects.filter(content_type=person_type, object_id=str(person.pk))
            .select_related("user")
            .order_by("timestamp")
        ]
    data["searched_for"] = {"email": subject.email, "phones": subject.phones}
    Person, _membership = _models()
    data["copies"] = [
        c.as_dict()
        for c in find_copies(subject)
        if not (person is not None and c.model is Person and c.pk == person.pk and c.field in CONTACT_FIELDS)
    ]
    data["other_apps"] = {
        label: module.export(subject.email, subject.phones) for label, module in providers()
    }
    return data


def export_json(person=None, subject: Subject | None = None) -> str:
    return json.dumps(export_person(person, subject), ensure_ascii=False, indent=2, default=str)


def add_subject_arguments(parser, verb: str) -> None:
    """The arguments by which the personal-data commands (export_person_data, erase_person)
    name whose data they `verb`: a person record, or an e-mail address and phone numbers
    also without one."""
    parser.add_argument(
        "person", nargs="?", default="", help="The board.Person's id, or their email address."
    )
    parser.add_argument(
        "--email", default="", help=f"An e-mail address to {verb} (also without a person record)."
    )
    parser.add_argument(
        "--phone", action="append", default=[], help=f"A phone number to {verb} (repeatable)."
    )


def person_and_subject(person: str, email: str, phones) -> tuple:
    """The board.Person the arguments name (None for none) and whose details they cover."""
    if not (person or email or phones):
        raise PersonalDataError(_("Give a person (id or e-mail address), --email or --phone."))
    record = find_person(person) if person else None
    return record, subject_of(record, email, phones)
