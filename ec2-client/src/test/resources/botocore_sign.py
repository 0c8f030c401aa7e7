"""Signs requests with botocore's own SigV4 signer: one JSON request per input line, one
Authorization header per output line. The independent oracle for our signer's tests."""
import base64
import datetime
import json
import sys
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

for line in sys.stdin:
    r = json.loads(line)
    when = datetime.datetime.strptime(r["date"], "%Y%m%dT%H%M%SZ")
    req = AWSRequest(method=r["method"], url=r["url"], headers=r["headers"],
                     data=base64.b64decode(r["body"]))
    creds = Credentials(r["accessKey"], r["secretKey"], r.get("token"))
    with mock.patch("botocore.auth.datetime") as d:
        d.datetime.utcnow.return_value = when
        d.datetime.now.return_value = when
        SigV4Auth(creds, r["service"], r["region"]).add_auth(req)
    print(req.headers["Authorization"], flush=True)
