"""Scenario questions for the Lambda topic (course notebook 05)."""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_MEM_MAX = facts.integer("lambda.memory_max_mb")
_MB_VCPU = facts.integer("lambda.memory_per_vcpu_mb")
_VCPU_MAX = facts.integer("lambda.vcpu_max")
_TIMEOUT_MIN = facts.integer("lambda.timeout_max_seconds") // 60
_CONCURRENCY = facts.integer("lambda.concurrency_default")
_RETRIES = facts.integer("lambda.async_retries_default")
_EVENT_AGE = facts.integer("lambda.async_max_event_age_hours")
_TMP_MAX = facts.integer("lambda.tmp_max_mb")
_UNRESERVED = facts.integer("lambda.unreserved_min")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="lambda-memory-cpu",
        prompt=(
            "A Lambda function that resizes images is CPU-bound and single-threaded. At 512 MB "
            "it takes 4 seconds per image, and users complain. The function never uses more "
            "than 200 MB of memory. What is the most effective way to make it faster?"
        ),
        options=(
            Option(
                f"Raise the memory setting to about {_MB_VCPU:,} MB.",
                True,
                f"Lambda allocates CPU in proportion to memory: at {_MB_VCPU:,} MB the function "
                "has one full vCPU, about 3.5 times the CPU it has at 512 MB. A single-threaded "
                "function gains little beyond one vCPU, and since duration falls as memory "
                "rises, the cost per image barely changes.",
            ),
            Option(
                "Keep 512 MB, because the function only uses 200 MB, and configure 2 vCPUs.",
                False,
                "Lambda has no separate vCPU setting: CPU comes only with memory.",
            ),
            Option(
                "Enable provisioned concurrency.",
                False,
                "Provisioned concurrency removes cold starts (initialisation); it does not speed "
                "up a warm invocation's 4 seconds of CPU work.",
            ),
            Option(
                f"Raise /tmp (ephemeral storage) to {_TMP_MAX:,} MB.",
                False,
                "Ephemeral storage adds disk space, not CPU.",
            ),
        ),
    ),
    Question(
        id="lambda-memory-limit",
        prompt=(
            "A team wants to move a nightly job that needs 8 GB of memory and runs for 10 "
            "minutes from an EC2 instance to AWS Lambda. A colleague says Lambda can't do it "
            "because Lambda functions are limited to 3 GB. What is true?"
        ),
        options=(
            Option(
                f"Lambda supports up to {_MEM_MAX:,} MB of memory (with up to {_VCPU_MAX} vCPUs) "
                f"and a {_TIMEOUT_MIN}-minute timeout, so the job fits.",
                True,
                f"The 3 GB limit ended in December 2020; memory now goes from 128 to "
                f"{_MEM_MAX:,} MB in 1-MB steps, and the timeout is {_TIMEOUT_MIN} minutes.",
            ),
            Option(
                "Lambda is limited to 3 GB; the job must stay on EC2 or move to Fargate.",
                False,
                "That was the limit before December 2020 (and in old study notes).",
            ),
            Option(
                "The job fits only if it is packaged as a container image.",
                False,
                "Memory limits are the same for .zip and container-image functions; images "
                "only allow a bigger package.",
            ),
            Option(
                "The job fits only with provisioned concurrency.",
                False,
                "Provisioned concurrency pre-initialises environments; it changes neither "
                "memory nor timeout limits.",
            ),
        ),
    ),
    Question(
        id="lambda-cold-start",
        prompt=(
            "A mobile backend on API Gateway and Lambda (Java) sees p99 latencies of several "
            "seconds every morning at 08:00, when traffic jumps from almost nothing to "
            "thousands of requests per minute. Later in the day latency is fine. What should "
            "a solutions architect do?"
        ),
        options=(
            Option(
                "Configure provisioned concurrency on the function's alias, scaled up on a "
                "schedule before 08:00 with Application Auto Scaling.",
                True,
                "The slow requests are cold starts of new execution environments. Provisioned "
                "concurrency keeps initialised environments ready, and a schedule pays for them "
                "only around the morning peak.",
            ),
            Option(
                "Configure reserved concurrency for the function.",
                False,
                "Reserved concurrency guarantees and caps concurrency; it does not initialise "
                "environments in advance, so cold starts remain.",
            ),
            Option(
                "Increase the function's timeout.",
                False,
                "The requests don't time out; they are slow to start.",
            ),
            Option(
                "Move the function into a VPC.",
                False,
                "A VPC changes networking, not initialisation; it does not remove cold starts.",
            ),
        ),
    ),
    Question(
        id="lambda-reserved-db",
        prompt=(
            "A Lambda function writes orders to an Amazon RDS for MySQL database that allows "
            "at most 100 connections. During a flash sale the function scales out and the "
            "database rejects connections. Which change protects the database with the least "
            "effort?"
        ),
        options=(
            Option(
                "Set the function's reserved concurrency to a value the database can handle "
                "(and put an RDS Proxy in front of the database to pool connections).",
                True,
                "Reserved concurrency is also a maximum: the function can never run more than "
                "that many copies at once. Excess synchronous requests are throttled (429), so "
                "callers must retry, or put a queue in front. RDS Proxy pools connections.",
            ),
            Option(
                "Configure provisioned concurrency of 100.",
                False,
                "Provisioned concurrency is a floor of warm environments, not a ceiling; the "
                "function can still scale far beyond it.",
            ),
            Option(
                f"Ask AWS to raise the account's concurrency limit above {_CONCURRENCY:,}.",
                False,
                "More concurrency means more connections: the opposite of what the database needs.",
            ),
            Option(
                "Increase the function's memory.",
                False,
                "Memory does not limit how many copies run at once.",
            ),
        ),
    ),
    Question(
        id="lambda-async-failures",
        prompt=(
            "An S3 bucket invokes a Lambda function asynchronously for every uploaded file. "
            "Some files fail to process. The operations team needs every failed event, with "
            "the error message and stack trace, for later reprocessing. What should a "
            "solutions architect configure?"
        ),
        options=(
            Option(
                "An on-failure destination on the function (for example an SQS queue, an SNS "
                "topic, EventBridge, or an S3 bucket).",
                True,
                f"After the retries ({_RETRIES} by default) or the maximum event age (up to "
                f"{_EVENT_AGE} hours), Lambda sends an invocation record to the on-failure "
                "destination: the event plus the function's response, including the error "
                "and stack trace. A dead-letter queue keeps the event with much less detail.",
            ),
            Option(
                "Set the function's retry attempts to 5.",
                False,
                f"Asynchronous retries can be set from 0 to {_RETRIES}; retries also don't keep "
                "the failed event anywhere.",
            ),
            Option(
                "A dead-letter queue on the S3 bucket.",
                False,
                "S3 event notifications have no dead-letter queue; the DLQ or destination is "
                "configured on the function's asynchronous invocation settings.",
            ),
            Option(
                "Invoke the function synchronously from S3 so that S3 retries failures.",
                False,
                "S3 always invokes Lambda asynchronously, and it does not collect failures.",
            ),
        ),
    ),
    Question(
        id="lambda-kinesis-poison",
        prompt=(
            "A Lambda function consumes a Kinesis data stream. One malformed record makes the "
            "function throw an error; since then the IteratorAge of one shard keeps growing "
            "and no records from that shard are processed. What is the best fix?"
        ),
        options=(
            Option(
                "Enable bisect batch on function error, set a maximum retry attempts (or "
                "maximum record age) and add an on-failure destination for discarded records.",
                True,
                "By default a stream mapping retries a failing batch until its records expire, "
                "blocking the shard in order. Bisecting isolates the bad record, the retry or "
                "age limit stops retrying it, and the on-failure destination (SQS, SNS or S3) "
                "keeps it for analysis.",
            ),
            Option(
                "Increase the number of shards.",
                False,
                "The bad record stays in its shard and keeps blocking it; resharding does not "
                "skip it.",
            ),
            Option(
                "Increase the batch size.",
                False,
                "A bigger batch still contains the bad record and still fails.",
            ),
            Option(
                "Configure a dead-letter queue on the Kinesis stream.",
                False,
                "Kinesis streams have no dead-letter queue; discarded records go to the event "
                "source mapping's on-failure destination.",
            ),
        ),
    ),
    Question(
        id="lambda-sqs-partial-batch",
        prompt=(
            "A Lambda function processes an SQS standard queue in batches of 10. When one "
            "message in a batch fails, the other nine are processed again, and after "
            "maxReceiveCount attempts all ten end up in the queue's dead-letter queue. How can "
            "the team make only the failing message go back to the queue?"
        ),
        options=(
            Option(
                "Turn on ReportBatchItemFailures on the event source mapping and return the IDs "
                "of the failed messages (a partial batch response).",
                True,
                "With a partial batch response Lambda deletes the successful messages and only "
                "the failed ones become visible again after the visibility timeout; the "
                "queue's redrive policy then moves only those to its DLQ.",
            ),
            Option(
                "Configure an on-failure destination on the function.",
                False,
                "SQS event sources don't use Lambda destinations; they rely on the queue's own "
                "dead-letter queue.",
            ),
            Option(
                "Increase the queue's visibility timeout.",
                False,
                "A longer timeout delays retries; the whole batch still comes back.",
            ),
            Option(
                "Switch to a FIFO queue.",
                False,
                "A FIFO queue adds ordering per message group but still returns the whole "
                "batch on an error, and a failing message then blocks its group.",
            ),
        ),
    ),
    Question(
        id="lambda-ordering",
        prompt=(
            "Payment events for each customer must be processed by Lambda in the order they "
            "were sent, but events of different customers may be processed in parallel. "
            "Which design meets the requirement?"
        ),
        options=(
            Option(
                "An SQS FIFO queue with the customer ID as the message group ID, consumed by "
                "Lambda through an event source mapping.",
                True,
                "FIFO queues keep order within a message group, and Lambda processes different "
                "groups in parallel. (A Kinesis stream with the customer ID as the partition "
                "key would also keep per-customer order.)",
            ),
            Option(
                "An SQS standard queue with a batch size of 1.",
                False,
                "Standard queues don't preserve order at any batch size, and retries reorder "
                "messages.",
            ),
            Option(
                "SNS invoking the function asynchronously.",
                False,
                "Asynchronous invocations carry no ordering guarantee; retries happen minutes "
                "later, after newer events.",
            ),
            Option(
                "Reserved concurrency of 1 on a function fed by a standard queue.",
                False,
                "One copy at a time still processes a standard queue's messages in no "
                "guaranteed order, and it serialises all customers.",
            ),
        ),
    ),
    Question(
        id="lambda-codedeploy-canary",
        prompt=(
            "A team deploys a Lambda function with AWS SAM. New versions must first receive "
            "10% of production traffic for 10 minutes; if no CloudWatch alarm fires, all "
            "traffic moves to the new version, otherwise traffic returns to the old version "
            "automatically. Which DeploymentPreference meets this?"
        ),
        options=(
            Option(
                "AutoPublishAlias: live, Type: Canary10Percent10Minutes, with the alarms in "
                "Alarms (and optional PreTraffic/PostTraffic hooks).",
                True,
                "Canary shifts traffic in two increments: 10% at once, the rest 10 minutes "
                "later. CodeDeploy watches the alarms and rolls the alias back if one fires.",
            ),
            Option(
                "Type: Linear10PercentEvery10Minutes.",
                False,
                "Linear adds 10% every 10 minutes, so the new version reaches 100% only after "
                "nine more steps: not 'all traffic after 10 minutes'.",
            ),
            Option(
                "Type: Liner10PercentEvery10Minutes.",
                False,
                "Not a valid type: the old study notes misspell Linear. And linear is the "
                "wrong shape here anyway.",
            ),
            Option(
                "Type: AllAtOnce, with a post-traffic hook.",
                False,
                "AllAtOnce sends 100% of traffic at once, so every user is exposed before the "
                "hook can catch a problem.",
            ),
        ),
    ),
    Question(
        id="lambda-vpc-internet",
        prompt=(
            "A Lambda function must read from an Amazon RDS database in private subnets and "
            "also call a third-party payment API on the internet. How should the function be "
            "configured?"
        ),
        options=(
            Option(
                "Attach the function to private subnets of the VPC and route their outbound "
                "traffic through a NAT gateway in a public subnet.",
                True,
                "A VPC-attached function reaches private resources, and it reaches the "
                "internet only through a NAT gateway (or NAT instance); its network interfaces "
                "never get public IP addresses.",
            ),
            Option(
                "Attach the function to public subnets that have an internet gateway.",
                False,
                "Lambda's interfaces in a VPC have no public IP addresses, so an internet "
                "gateway alone does not give the function internet access.",
            ),
            Option(
                "Keep the function outside the VPC and open the database to 0.0.0.0/0.",
                False,
                "Exposing the database to the internet breaks basic security practice.",
            ),
            Option(
                "Create a VPC gateway endpoint for the payment API.",
                False,
                "Gateway endpoints exist only for Amazon S3 and DynamoDB; they don't reach "
                "third-party APIs.",
            ),
        ),
    ),
    Question(
        id="lambda-reserved-room",
        prompt=(
            f"An account has the default concurrency limit of {_CONCURRENCY:,}. The team tries "
            f"to set reserved concurrency of {_CONCURRENCY:,} on one critical function and "
            "gets an error. Why?"
        ),
        options=(
            Option(
                f"Lambda keeps at least {_UNRESERVED} concurrent executions unreserved for the "
                f"functions without reserved concurrency, so at most "
                f"{_CONCURRENCY - _UNRESERVED:,} can be reserved.",
                True,
                "Reserved concurrency comes out of the Regional pool; the unreserved minimum "
                "keeps every other function able to run. Request a higher account limit to "
                "reserve more.",
            ),
            Option(
                "Reserved concurrency can't exceed the function's provisioned concurrency.",
                False,
                "It's the other way round: provisioned concurrency can't exceed the reserved "
                "concurrency.",
            ),
            Option(
                "Reserved concurrency is limited to 100 per function.",
                False,
                "There is no such per-function cap; the limit comes from the account pool.",
            ),
            Option(
                "Reserved concurrency is available only for functions in a VPC.",
                False,
                "Any function can have reserved concurrency.",
            ),
        ),
    ),
)

validate_bank(QUESTIONS)
