"""The child process that reads a PDF's text: `python -m documents.textchild`.

It reads the PDF's bytes on stdin and writes the analysis as JSON on stdout. The parent
(documents.extraction) starts it with limits on CPU time and memory and a wall-clock
timeout, so a hostile file can only exhaust this process. Django is not loaded here.
"""

import dataclasses
import json
import logging
import sys

# Exit status when the memory limit refused an allocation.
EXIT_OUT_OF_MEMORY = 3
# Log records handed back to the parent (a hostile file may warn on every page).
MAX_RECORDS = 50


class Collector(logging.Handler):
    """Keeps the first warnings, for the parent to log in its own process."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[list] = []

    def emit(self, record):
        if len(self.records) < MAX_RECORDS:
            self.records.append([record.levelno, record.name, record.getMessage()[:1000]])


def main() -> int:
    collector = Collector()
    logging.getLogger().addHandler(collector)
    logging.getLogger().setLevel(logging.WARNING)
    try:
        from documents.pdfcheck import analyse_pdf

        data = sys.stdin.buffer.read()
        result = analyse_pdf(data)
        # analyse_pdf logs a failed page and goes on; under the memory limit that failure
        # is the limit, not a broken page.
        if result.error.startswith(("MemoryError", "SystemError")):
            return EXIT_OUT_OF_MEMORY
        answer = json.dumps({"analysis": dataclasses.asdict(result), "log": collector.records})
    except (MemoryError, SystemError):
        # An allocation the memory limit refused: C code that cannot raise MemoryError
        # there reports it as a SystemError ("error return without exception set").
        return EXIT_OUT_OF_MEMORY
    sys.stdout.write(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
