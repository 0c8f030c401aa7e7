"""What the botocore scripts share: botocore's session, an EC2 client of the emulator whose endpoint
is the script's first argument, and the error code a call ends in. Imported from the script's own
folder (BotocorePeerTest.run puts it there)."""
import sys

import botocore.session
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = botocore.session.get_session()


def client(region="us-east-1"):
    """An EC2 client of the emulator in `region`, with its test credentials."""
    return session.create_client("ec2", region_name=region, endpoint_url=endpoint,
                                 aws_access_key_id="test", aws_secret_access_key="test")


def code(fn, **kw):
    """"ok", or the error code of the call `fn(**kw)`."""
    try:
        fn(**kw)
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]
