"""The AWS CLI v1's --output table of given values, for AwsTableTest.

Reads one JSON array of cases on stdin, each {"value": ..., "color": "on"|"off"}, and writes one
JSON array of answers: what awscli's TableFormatter printed for the value titled "Title" (as the
AWS CLI prints an operation's answer: to sys.stdout, which colorama wraps when colour is on), or
"error: " and the exception's text when it fails.
"""
import argparse
import io
import json
import sys

import jmespath

from awscli.formatter import TableFormatter


def main():
    cases = json.loads(sys.stdin.read())
    real = sys.stdout
    answers = []
    for case in cases:
        out = io.StringIO()
        sys.stdout = out
        try:
            # as an answer and its --query: the formatter takes a record, then searches it
            query = jmespath.compile("v")
            formatter = TableFormatter(argparse.Namespace(query=query, color=case["color"]))
            formatter("Title", {"v": case["value"]})
            answers.append(out.getvalue())
        except Exception as e:  # the AWS CLI prints the exception's text and exits 255
            answers.append("error: " + str(e))
        finally:
            sys.stdout = real
    real.write(json.dumps(answers))


if __name__ == "__main__":
    main()
