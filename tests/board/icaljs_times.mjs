// Reads iCalendar feeds with Mozilla's ical.js (the parser of Thunderbird and many web
// calendars) and prints every event's UID, start and end in UTC as JSON.
// stdin: one feed, or a JSON array of feeds (one node process for many feeds);
// stdout: [{uid, start, end}, ...] per feed; `end` is null when the event has no DTEND.
// Times are resolved only through the feed's own VTIMEZONE: ical.js has no zone database.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const utc = (time) => time.toJSDate().toISOString();

function times(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: utc(event.startDate),
      end: component.hasProperty("dtend") ? utc(event.endDate) : null,
    };
  });
}

const input = readFileSync(0, "utf8");
const output = input.trimStart().startsWith("[") ? JSON.parse(input).map(times) : times(input);
process.stdout.write(JSON.stringify(output));
