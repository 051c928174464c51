"""The storage tests run against a real S3 server (SeaweedFS), started once per session."""

from tests.s3 import s3 as s3
from tests.s3 import s3_bucket as s3_bucket
from tests.s3 import seaweed as seaweed
