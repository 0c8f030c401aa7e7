"""Resolves credentials with botocore's own default chain (same HOME, files and environment as the
Java side), then asks the emulator's STS who both its keys and the Java chain's keys are. Prints
JSON: botocore's access key, its method, and the two caller ARNs. Usage: botocore_credentials.py"""
import json
import os

import botocore.session

session = botocore.session.get_session()
creds = session.get_credentials()
frozen = creds.get_frozen_credentials()
sts = session.create_client("sts", region_name=os.environ.get("AWS_REGION", "us-east-1"),
                            endpoint_url=os.environ["AWS_ENDPOINT_URL"])
theirs = sts.get_caller_identity()["Arn"]
ours = session.create_client("sts", region_name=os.environ.get("AWS_REGION", "us-east-1"),
                             endpoint_url=os.environ["AWS_ENDPOINT_URL"],
                             aws_access_key_id=os.environ["OURS_KEY"],
                             aws_secret_access_key=os.environ["OURS_SECRET"],
                             aws_session_token=os.environ.get("OURS_TOKEN") or None).get_caller_identity()["Arn"]
print(json.dumps({"key": frozen.access_key, "method": creds.method, "theirs": theirs, "ours": ours}))
