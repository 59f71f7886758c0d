"""Scenario questions for the Lambda topic (course notebook 05).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, two
choose-two questions, and no distractor that relies on a retired feature. The course shows
each learner the options in their own shuffled order. The Lambda assignment has scenario
questions of its own; none of them repeats one of these.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_MEM_MAX = facts.integer("lambda.memory_max_mb")
_MB_VCPU = facts.integer("lambda.memory_per_vcpu_mb")
_VCPU_MAX = facts.integer("lambda.vcpu_max")
_TIMEOUT_MIN = facts.integer("lambda.timeout_max_seconds") // 60
_CONCURRENCY = facts.integer("lambda.concurrency_default")
_SCALING = facts.integer("lambda.scaling_rate_per_10s")
_UNRESERVED = facts.integer("lambda.unreserved_min")
_RETRIES = facts.integer("lambda.async_retries_default")
_EVENT_AGE = facts.integer("lambda.async_max_event_age_hours")
_TMP_DEFAULT = facts.integer("lambda.tmp_default_mb")
_FIFO_BATCH = facts.integer("lambda.sqs_fifo_batch_size_max")
_TMP_MAX = facts.integer("lambda.tmp_max_mb")
_ZIP_MAX = facts.integer("lambda.package_zip_max_mb")
_UNZIPPED_MAX = facts.integer("lambda.package_unzipped_max_mb")
_IMAGE_MAX = facts.integer("lambda.image_max_gb")
_PAYLOAD_SYNC = facts.integer("lambda.payload_sync_mb")
_PAYLOAD_ASYNC = facts.integer("lambda.payload_async_mb")
_STREAM_RETRIES = facts.integer("lambda.stream_retry_attempts_max")
_ESM_DESTINATIONS = ", ".join(facts.items("lambda.esm_failure_destinations"))
_SNAPSTART = facts.text("lambda.snapstart")


def _deployment(name: str) -> str:
    """A SAM DeploymentPreference type, checked against the facts."""
    if name not in facts.items("lambda.codedeploy_types"):
        raise ValueError(f"{name!r} is not a SAM deployment type in lambda.codedeploy_types")
    return name


_CANARY_30 = _deployment("Canary10Percent30Minutes")
_LINEAR_3 = _deployment("Linear10PercentEvery3Minutes")
_LINEAR_10 = _deployment("Linear10PercentEvery10Minutes")
_ALL_AT_ONCE = _deployment("AllAtOnce")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="lambda-memory-cpu",
        prompt=(
            "A Lambda function resizes product images. Its code is CPU-bound and "
            "single-threaded, and it never uses more than 200 MB of memory. At its current "
            "memory setting of 512 MB it takes about 4 seconds per image, and the product team "
            "now requires every image to be ready in under 1.5 seconds. Finance does not want "
            "the cost per image to rise noticeably, and the developers cannot rewrite the code "
            "to use several threads this quarter. Which change is the MOST cost-effective way "
            "to meet the new requirement?"
        ),
        options=(
            Option(
                "Keep 512 MB, because the function only uses 200 MB, and configure two vCPUs "
                "for the function instead.",
                False,
                "Lambda has no separate vCPU setting: CPU comes only with memory, in proportion "
                "to it.",
            ),
            Option(
                "Enable provisioned concurrency for the function, so that every invocation "
                "runs in an initialised environment.",
                False,
                "Provisioned concurrency removes cold starts (initialisation); it does not "
                "speed up the 4 seconds of CPU work in a warm invocation, and it is billed "
                "while configured.",
            ),
            Option(
                f"Raise the memory setting to about {_MB_VCPU:,} MB.",
                True,
                f"At {_MB_VCPU:,} MB the function has one full vCPU, about 3.5 times the CPU it "
                "has at 512 MB, so the 4 seconds fall to about 1.2. Memory times duration stays "
                "about the same, so the cost per image barely changes.",
            ),
            Option(
                f"Raise the memory setting to {_MEM_MAX:,} MB, the maximum, which gives the "
                f"function {_VCPU_MAX} vCPUs.",
                False,
                "Single-threaded code uses one vCPU however many it gets: the image is no "
                "faster than at one vCPU, while every millisecond is billed at the largest "
                "memory setting.",
            ),
        ),
    ),
    Question(
        id="lambda-snapstart",
        prompt=(
            "A Java 21 Spring Boot function serves a partner API through Amazon API Gateway. "
            "Initialising the Spring context takes about 6 seconds, so requests that land on a "
            "new execution environment time out at the partner. Traffic arrives in bursts when "
            "partners run their own batch jobs, at times nobody can predict. The team needs "
            "cold starts well under a second, does not want to pay for initialised "
            "environments that sit idle between bursts, and wants the LEAST operational "
            "overhead. The function uses the default /tmp and no Amazon EFS. What should a "
            "solutions architect recommend?"
        ),
        options=(
            Option(
                "Configure provisioned concurrency on the function's alias, sized for the "
                "largest burst the partners have sent so far.",
                False,
                "It removes cold starts up to its size, but the environments are billed all day "
                "while they wait for bursts nobody can predict, and a bigger burst still meets "
                "cold starts.",
            ),
            Option(
                "Turn on SnapStart, publish a version on each deployment, and point API Gateway "
                "at an alias of the published version.",
                True,
                "SnapStart initialises the function when a version is published and resumes "
                "new environments from a snapshot, so the 6 seconds are spent once per version, "
                f"not per cold start. It runs on {_SNAPSTART}, on published versions and "
                "aliases only.",
            ),
            Option(
                "Turn on SnapStart and add provisioned concurrency on the same alias, so that "
                "both mechanisms remove cold starts together.",
                False,
                "SnapStart does not support provisioned concurrency, so this configuration is "
                "refused; either one alone is the choice.",
            ),
            Option(
                f"Raise the memory setting to {_MEM_MAX:,} MB, so that initialisation runs "
                f"on {_VCPU_MAX} vCPUs.",
                False,
                "More CPU shortens CPU-bound initialisation only as far as it uses the extra "
                "vCPUs, every cold start still initialises Spring from scratch, and every "
                "invocation pays for the largest memory setting.",
            ),
        ),
    ),
    Question(
        id="lambda-provisioned-schedule",
        prompt=(
            "A mobile banking backend runs on Amazon API Gateway and a Node.js Lambda function. "
            "Every weekday at 08:00, when customers open the app on their way to work, traffic "
            "jumps from almost nothing to thousands of requests per minute within a minute, "
            "and p99 latency reaches several seconds for the first few minutes. The business "
            "requires p99 latency in the tens of milliseconds at all times. The rest of the "
            "day latency is fine. Which solution meets the requirement in the MOST "
            "cost-effective way?"
        ),
        options=(
            Option(
                "Configure reserved concurrency for the function equal to the morning peak.",
                False,
                "Reserved concurrency guarantees and caps how many copies may run; it "
                "initialises nothing in advance, so the cold starts at 08:00 remain.",
            ),
            Option(
                "Turn on SnapStart for the function and point API Gateway at an alias.",
                False,
                f"SnapStart is available for {_SNAPSTART} runtimes, not Node.js, and AWS "
                "points to provisioned concurrency for strict cold-start latency "
                "requirements like this one.",
            ),
            Option(
                "Configure provisioned concurrency on the function's alias around the clock, "
                "sized for the morning peak.",
                False,
                "It removes the cold starts, but provisioned concurrency is billed while it is "
                "configured: paying for the peak all day and night costs far more than needed.",
            ),
            Option(
                "Configure provisioned concurrency on the alias, scheduled with Application "
                "Auto Scaling: up before 08:00, down after the peak.",
                True,
                "The slow requests are cold starts. Provisioned concurrency keeps initialised "
                "environments ready, and a schedule pays for them only around the known peak.",
            ),
        ),
    ),
    Question(
        id="lambda-reserved-db",
        prompt=(
            "An order function writes to an Amazon RDS for MySQL database that accepts at "
            "most 100 connections. During a flash sale the function scales out and the "
            "database starts rejecting connections, which also breaks the reporting functions "
            "that read from it. Orders reach the function through a queue, so throttled orders "
            "are retried later. Other functions in the account must keep the concurrency they "
            f"need, out of the account's {_CONCURRENCY:,}. Which change protects the database "
            "with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Set the order function's reserved concurrency to what the database can take, "
                "and add RDS Proxy to pool connections.",
                True,
                "Reserved concurrency is a ceiling as well as a guarantee: the function never "
                "runs more copies than that, and excess work waits in the queue. RDS Proxy "
                "shares connections between the copies.",
            ),
            Option(
                "Configure provisioned concurrency of 100 on the order function, matching the "
                "database's connection limit.",
                False,
                "Provisioned concurrency is a floor of initialised environments, not a "
                "ceiling: the function can still scale far beyond 100 copies.",
            ),
            Option(
                f"Ask AWS to raise the account's concurrency limit above {_CONCURRENCY:,}, so "
                "that the flash sale is never throttled.",
                False,
                "More concurrency means more copies and more connections: the opposite of what "
                "the database needs.",
            ),
            Option(
                f"Reserve all {_CONCURRENCY:,} of the account's concurrency for the order "
                "function, so that it always wins.",
                False,
                f"Lambda keeps at least {_UNRESERVED} concurrent executions unreserved for the "
                "other functions, so the setting is refused; and more copies would only open "
                "more connections.",
            ),
        ),
    ),
    Question(
        id="lambda-async-failures",
        prompt=(
            "An Amazon S3 bucket invokes a Lambda function for every uploaded invoice file. "
            "About one file in a thousand fails to process because of data the code does not "
            "expect. The operations team must keep every failed event for at least two weeks, "
            "together with the error message and the stack trace the function produced, so "
            "that developers can fix the code and reprocess the files. The solution must not "
            "require changes to the function's code. Which solution meets these requirements "
            "with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Set the function's retry attempts for asynchronous invocations to 5, so that "
                "the failing files are eventually processed.",
                False,
                f"Asynchronous retries go from 0 to {_RETRIES}, and retrying data the code "
                "cannot handle fails again; retries keep no record of the failure.",
            ),
            Option(
                "Configure a dead-letter queue on the S3 bucket's event notification, so that "
                "undelivered events are kept.",
                False,
                "S3 event notifications have no dead-letter queue; failure handling for "
                "asynchronous invocations is configured on the function.",
            ),
            Option(
                "Configure an on-failure destination for the function's asynchronous "
                "invocations: an SQS queue that keeps messages for 14 days.",
                True,
                f"After the retries ({_RETRIES} by default) or the maximum event age (up to "
                f"{_EVENT_AGE} hours), Lambda sends an invocation record to the destination: "
                "the event plus the function's response, with the error and stack trace.",
            ),
            Option(
                "Configure a dead-letter queue on the function: an SQS queue that keeps the "
                "failed events for 14 days, after Lambda's retries.",
                False,
                "A dead-letter queue keeps the failed event itself, not the function's "
                "response: the stack trace the developers need is not in it.",
            ),
        ),
    ),
    Question(
        id="lambda-stream-poison",
        prompt=(
            "A Lambda function consumes an Amazon Kinesis data stream of clickstream events "
            "through an event source mapping with default settings. One malformed record makes "
            "the function throw an error; since then the IteratorAge of one shard keeps "
            "growing, and no newer records of that shard are processed, while the other shards "
            "are fine. The team wants a shard to move on within minutes when a record cannot "
            "be processed, and wants every skipped record kept for inspection. Which "
            "combination of changes to the event source mapping is the MOST operationally "
            "efficient? (Choose two.)"
        ),
        options=(
            Option(
                "Increase the number of shards in the stream, so that the malformed record's "
                "shard carries less traffic.",
                False,
                "The malformed record stays where it is and keeps blocking its shard; "
                "resharding does not skip it.",
            ),
            Option(
                "Enable bisect batch on function error and set a maximum retry attempts (or a "
                "maximum record age).",
                True,
                "By default a stream mapping retries a failing batch until its records expire, "
                "in order, blocking the shard. Bisecting isolates the bad record, and the limit "
                f"(up to {_STREAM_RETRIES:,} retries) stops retrying it.",
            ),
            Option(
                "Configure an on-failure destination in the function's asynchronous "
                "invocation settings.",
                False,
                "Stream records are not asynchronous invocations: the event source mapping has "
                "its own on-failure destination, and the function's settings do not apply.",
            ),
            Option(
                "Add an on-failure destination to the event source mapping, such as an SQS "
                "queue or an S3 bucket.",
                True,
                f"When the mapping gives up on a record it sends it to its on-failure "
                f"destination ({_ESM_DESTINATIONS}), so the skipped record is kept for "
                "inspection.",
            ),
            Option(
                "Configure a dead-letter queue on the Kinesis data stream for records that fail.",
                False,
                "Kinesis streams have no dead-letter queue; discarded records go to the event "
                "source mapping's on-failure destination.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="lambda-sqs-partial-batch",
        prompt=(
            "A Lambda function processes an SQS standard queue in batches of 10 messages, a "
            "batch size the team chose for throughput and must keep. When one message in a "
            "batch fails, the other nine are processed again, which sends duplicate "
            "confirmation emails, and after maxReceiveCount receives all ten messages end up "
            "in the queue's dead-letter queue. The team wants only the failing message to "
            "return to the queue and reach the dead-letter queue, with the FEWEST changes. "
            "What should the team do?"
        ),
        options=(
            Option(
                "Configure an on-failure destination on the function for the failed messages.",
                False,
                "SQS event sources don't use Lambda destinations; failed messages go back to "
                "the queue and on to the queue's own dead-letter queue.",
            ),
            Option(
                "Increase the queue's visibility timeout, so that failed batches return less "
                "often.",
                False,
                "A longer timeout only delays the retry; the whole batch still comes back.",
            ),
            Option(
                "Set the event source mapping's batch size to 1, so that each message succeeds "
                "or fails on its own and is retried on its own.",
                False,
                "It isolates failures, but the team must keep batches of 10 for throughput.",
            ),
            Option(
                "Turn on ReportBatchItemFailures on the event source mapping and return the "
                "IDs of the failed messages from the function.",
                True,
                "With a partial batch response Lambda deletes the successful messages; only "
                "the failed ones become visible again after the visibility timeout, and the "
                "redrive policy moves only those to the dead-letter queue.",
            ),
        ),
    ),
    Question(
        id="lambda-ordering",
        prompt=(
            "A payment platform publishes events for each customer account: created, charged, "
            "refunded, closed. A Lambda function must process the events of each account in "
            "the order they were sent, because a refund processed before its charge corrupts "
            "the balance. Events of different accounts may be processed in parallel, and the "
            "platform expects ten times today's volume next year, so throughput must grow with "
            "the number of accounts. Which design is the MOST scalable way to meet the "
            "ordering requirement for every account?"
        ),
        options=(
            Option(
                "An SQS standard queue with a batch size of 1, so that the function handles "
                "one event at a time.",
                False,
                "Standard queues don't preserve order at any batch size, and a retried message "
                "comes back after newer ones.",
            ),
            Option(
                "An SQS FIFO queue with the account ID as the message group ID, read by the "
                "function through an event source mapping.",
                True,
                "A FIFO queue keeps order within each message group, and Lambda processes "
                "different groups in parallel, so throughput grows with the number of accounts. "
                "(A Kinesis stream keyed by account ID would also keep per-account order.)",
            ),
            Option(
                "An SNS topic that invokes the function asynchronously for each event, with "
                "retries for failed events.",
                False,
                "Asynchronous invocations carry no ordering guarantee, and a retried event runs "
                "minutes later, after newer ones.",
            ),
            Option(
                "An SQS standard queue feeding a function with reserved concurrency of 1, so "
                "that only one copy of the function ever runs.",
                False,
                "One copy still reads a standard queue in no guaranteed order, and it "
                "serialises every account: throughput cannot grow at all.",
            ),
        ),
    ),
    Question(
        id="lambda-codedeploy-linear",
        prompt=(
            "A team deploys a Lambda function with AWS SAM and AutoPublishAlias. Its release "
            "policy says: before any production traffic reaches a new version, an automated "
            "integration test must run against it; traffic must then move to the new version "
            "gradually, in equal steps of 10%, reaching all traffic in about half an hour; and "
            "if the error alarm fires at any point, traffic must return to the old version "
            "without anyone acting. Which DeploymentPreference meets the policy with the LEAST "
            "operational overhead?"
        ),
        options=(
            Option(
                f"Type {_CANARY_30}, with the error alarm in Alarms.",
                False,
                "A canary moves traffic in two steps, 10% and then the rest 30 minutes later, "
                "not in equal 10% steps, and nothing tests the version before traffic arrives.",
            ),
            Option(
                f"Type {_LINEAR_10}, with the error alarm in Alarms and the integration test "
                "as a PostTraffic hook.",
                False,
                "Equal steps, but one every 10 minutes takes about an hour and a half, and a "
                "PostTraffic hook runs after all traffic has moved, too late for the policy.",
            ),
            Option(
                f"Type {_LINEAR_3}, with the error alarm in Alarms and the integration test as "
                "a PreTraffic hook.",
                True,
                "Linear adds 10% every 3 minutes, reaching all traffic in about half an hour; "
                "the PreTraffic hook runs before any traffic shifts, and CodeDeploy rolls the "
                "alias back if the alarm fires.",
            ),
            Option(
                f"Type {_ALL_AT_ONCE}, with the error alarm in Alarms and the integration test "
                "as a PreTraffic hook.",
                False,
                "The test runs first, but then every user gets the new version at once: no "
                "gradual shift for the alarm to catch a problem in.",
            ),
        ),
    ),
    Question(
        id="lambda-vpc-internet",
        prompt=(
            "A Lambda function must read customer records from an Amazon RDS database that "
            "lives in private subnets of a VPC, and must also call a third-party payment API on "
            "the internet. The security team requires that the database is never reachable "
            "from the internet, that the database accepts connections only from inside the "
            "VPC, and that the function's traffic to the payment provider leaves through a "
            "controlled egress point. Which configuration is the MOST secure way to meet "
            "these requirements?"
        ),
        options=(
            Option(
                "Attach the function to public subnets of the VPC that have a route to an "
                "internet gateway, next to the database's private subnets.",
                False,
                "Lambda's network interfaces in a VPC never get public IP addresses, so an "
                "internet gateway alone gives the function no internet access.",
            ),
            Option(
                "Keep the function outside the VPC and allow the database's security group to "
                "accept connections from 0.0.0.0/0.",
                False,
                "It makes the database reachable from the whole internet, which the security "
                "team forbids.",
            ),
            Option(
                "Create a VPC gateway endpoint for the payment provider's API and attach the "
                "function to private subnets.",
                False,
                "Gateway endpoints exist only for Amazon S3 and DynamoDB; they do not reach "
                "third-party APIs.",
            ),
            Option(
                "Attach the function to private subnets and route their outbound traffic "
                "through a NAT gateway in a public subnet.",
                True,
                "A VPC-attached function reaches the private database, and it reaches the "
                "internet only through a NAT gateway: the controlled egress point. The "
                "database stays private.",
            ),
        ),
    ),
    Question(
        id="lambda-tmp-storage",
        prompt=(
            "A genomics team wants to move a nightly step from EC2 to Lambda. The step "
            "downloads a 6 GB file from Amazon S3, runs a third-party tool that can only read "
            "the whole file from a local file path, and writes 2 GB of results before uploading "
            "them. It runs for about 10 minutes. In a first test the function failed with 'No "
            "space left on device'. The team wants the LEAST operational overhead and cannot "
            "change the tool. What should a solutions architect configure?"
        ),
        options=(
            Option(
                "Package the function as a container image of up to "
                f"{_IMAGE_MAX} GB, so that the function has room for the input file and the "
                "results.",
                False,
                "The image size limits the code and its dependencies, not the space the "
                "function can write at run time.",
            ),
            Option(
                f"Raise the function's ephemeral storage (/tmp) from the default {_TMP_DEFAULT} "
                f"MB to about 9,000 MB (the maximum is {_TMP_MAX:,} MB).",
                True,
                "Ephemeral storage is configurable in 1-MB steps: 6 GB of input and 2 GB of "
                f"output fit, and 10 minutes fits the {_TIMEOUT_MIN}-minute timeout.",
            ),
            Option(
                f"Raise the memory setting to {_MEM_MAX:,} MB, so that the file can be held "
                "in memory instead of on disk.",
                False,
                "The tool reads a file path, not memory, and memory is billed for every "
                "millisecond: disk space is what is missing.",
            ),
            Option(
                f"Split the file into {_TMP_DEFAULT} MB chunks and process each chunk in a "
                "separate invocation.",
                False,
                "The tool needs the whole file at once, and splitting adds orchestration that "
                "the team would have to build and run.",
            ),
        ),
    ),
    Question(
        id="lambda-container-image",
        prompt=(
            "A data science team wants to serve a machine-learning model from Lambda. The "
            "Python dependencies and the model file come to about 1.8 GB unzipped. The "
            "deployment fails because the package is too large, and the team wants the LEAST "
            "operational overhead for deploying new model versions every week. What should "
            "the team do?"
        ),
        options=(
            Option(
                "Move the dependencies into Lambda layers, keeping only the handler in the "
                ".zip package.",
                False,
                f"Layers count toward the same {_UNZIPPED_MAX} MB unzipped limit as the "
                "package itself.",
            ),
            Option(
                f"Upload the .zip package through Amazon S3 instead of directly, to avoid "
                f"the {_ZIP_MAX} MB upload limit.",
                False,
                f"S3 lifts only the {_ZIP_MAX} MB limit of a direct upload; the unzipped "
                f"package, layers included, is still limited to {_UNZIPPED_MAX} MB.",
            ),
            Option(
                "Split the model across several functions that each load a part and call one "
                "another.",
                False,
                "Each function still hits the package limit with its part, and the chain adds "
                "latency, failure modes and deployments to manage.",
            ),
            Option(
                "Package the function as a container image and deploy it from Amazon ECR.",
                True,
                f"A container image can be up to {_IMAGE_MAX} GB, and the same build and "
                "deployment pipeline ships each new model version.",
            ),
        ),
    ),
    Question(
        id="lambda-async-payload",
        prompt=(
            "An application invokes a Lambda function asynchronously with JSON documents of "
            "about 3 MB. In testing with synchronous invocations everything worked, but in "
            "production the asynchronous invocations are rejected. The team must keep the "
            "invocations asynchronous. What should a solutions architect recommend?"
        ),
        options=(
            Option(
                "Store each document in Amazon S3 and invoke the function asynchronously with "
                "the object's key.",
                True,
                f"An asynchronous invocation accepts at most {_PAYLOAD_ASYNC} MB of payload "
                f"(a synchronous one {_PAYLOAD_SYNC} MB); passing a reference keeps the event "
                "small whatever the document's size.",
            ),
            Option(
                "Publish the documents to an SNS topic that invokes the function, instead of "
                "invoking it directly.",
                False,
                "SNS invokes the function asynchronously too, so the same payload limit applies "
                "to what it delivers.",
            ),
            Option(
                "Raise the function's memory setting, so that it can accept larger events.",
                False,
                "The payload limit belongs to the invocation, not the function: memory does "
                "not change it.",
            ),
            Option(
                "Invoke the function synchronously from a background thread of the application.",
                False,
                "A synchronous invocation accepts the document, but the team must keep the "
                "invocations asynchronous, with Lambda's retries and failure handling.",
            ),
        ),
    ),
    Question(
        id="lambda-cross-account",
        prompt=(
            "A company uses separate AWS accounts per workload. An SNS topic in the orders "
            "account publishes every new order. A Lambda function in the analytics account "
            "must subscribe to the topic and write each order to an Amazon DynamoDB table in "
            "the analytics account. The security team requires least-privilege access and no "
            "long-term credentials anywhere. The topic's policy already allows the analytics "
            "account to subscribe. Which permissions must be in place in the analytics account "
            "for the MOST secure solution? (Choose two.)"
        ),
        options=(
            Option(
                "A resource-based policy on the function that allows sns.amazonaws.com to "
                "invoke it, limited to the orders topic's ARN.",
                True,
                "A resource-based policy says who may invoke the function: here the SNS "
                "service, and only on behalf of that one topic in the other account.",
            ),
            Option(
                "A statement in the function's execution role that allows lambda:InvokeFunction "
                "for the orders account's SNS topic and its subscription.",
                False,
                "The execution role says what the function itself may do; it cannot grant "
                "another service or account the right to invoke the function.",
            ),
            Option(
                "An execution role for the function that allows writing items to the one "
                "DynamoDB table.",
                True,
                "The function acts with its execution role: write access to that table, and "
                "nothing more, is least privilege.",
            ),
            Option(
                "An IAM user in the orders account whose access keys are stored in the "
                "function's environment variables.",
                False,
                "Long-term access keys in a function are exactly what the security team "
                "forbids, and they are not needed for SNS to invoke it.",
            ),
            Option(
                "A resource-based policy on the function that allows any principal in the "
                "orders account to invoke it.",
                False,
                "It works, but any user or role in the orders account could then invoke the "
                "function: not least privilege.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="lambda-scaling-rate",
        prompt=(
            "A ticketing company sells concert tickets through Amazon API Gateway and a Lambda "
            "function that takes about 1 second per request, most of it waiting on a "
            "seat-reservation service. The company raised its Regional "
            "concurrency quota to 5,000. When a popular sale opens at a published time, "
            "traffic goes from almost nothing to about 4,000 concurrent requests within "
            "seconds, and for the first half minute many requests are throttled, although the "
            "quota is never reached. The company wants no throttling when a sale opens, in the "
            "MOST cost-effective way. What should a solutions architect recommend?"
        ),
        options=(
            Option(
                "Raise the Regional concurrency quota to 10,000, so that the function has more "
                "headroom when the sale opens.",
                False,
                "The quota is never reached: the throttling comes from how fast one function "
                "can scale, which a higher quota does not change.",
            ),
            Option(
                "Set the function's reserved concurrency to 4,000, so that the capacity is "
                "guaranteed to the ticketing function.",
                False,
                "Reserved concurrency guarantees a share of the quota and caps the function, "
                "but it creates no environments in advance: the scaling rate still applies.",
            ),
            Option(
                "Schedule provisioned concurrency of about 4,000 on the alias from shortly "
                "before each sale opens until the rush ends.",
                True,
                f"A function adds at most {_SCALING:,} execution environments every 10 "
                "seconds, so reaching 4,000 from nothing takes about half a minute. Provisioned "
                "environments are ready before the rush, and the schedule pays for them only "
                "around it.",
            ),
            Option(
                f"Raise the function's memory to {_MEM_MAX:,} MB, so that each request "
                "finishes sooner and fewer environments are needed.",
                False,
                "Requests that mostly wait on another service barely finish sooner with more "
                "CPU, every millisecond then costs the largest memory setting, and the scaling "
                "rate still limits how fast environments appear.",
            ),
        ),
    ),
    Question(
        id="lambda-kill-switch",
        prompt=(
            "A bug in a newly deployed function makes it call a partner's API in a loop, and "
            "the partner threatens to block the company. The team must stop every invocation "
            "of the function immediately, without deleting it or changing its triggers, and "
            "must be able to resume later with one change. What should the team do?"
        ),
        options=(
            Option(
                "Set the function's provisioned concurrency to 0.",
                False,
                "Provisioned concurrency is only the number of pre-initialised environments; "
                "on-demand invocations keep running without it.",
            ),
            Option(
                "Lower the function's timeout to 1 second.",
                False,
                "Invocations still start and still call the partner, only for a shorter time.",
            ),
            Option(
                "Set the function's reserved concurrency to 0.",
                True,
                "Reserved concurrency 0 allows no copies of the function to run: every "
                "invocation is throttled until the setting is removed, the emergency brake.",
            ),
            Option(
                "Remove the function's execution role permissions for CloudWatch Logs.",
                False,
                "The function keeps running and calling the partner; it only stops writing "
                "logs, which hides the problem.",
            ),
        ),
    ),
    Question(
        id="lambda-sqs-max-concurrency",
        prompt=(
            "An order service has one Lambda function with two callers: an API Gateway REST "
            "API that customers use to check orders, and a standard SQS queue of order updates "
            "that an event source mapping feeds to the same function. Every invocation opens a "
            "connection to an Amazon RDS database that accepts about 100 connections. During "
            "sales the queue grows to millions of messages, the function scales out, and the "
            "database runs out of connections, which also fails the customers' API calls. The "
            "company wants to cap only the queue's share of the function, with the FEWEST "
            "changes. What should a solutions architect do?"
        ),
        options=(
            Option(
                "Set the function's reserved concurrency to 50.",
                False,
                "Reserved concurrency caps every invocation of the function, the customers' "
                "API calls included, and sets that concurrency aside from the account's pool.",
            ),
            Option(
                "Set the maximum concurrency of the SQS event source mapping to 50.",
                True,
                "It limits how many concurrent invocations this queue can drive, without "
                "reserving concurrency and without capping the API's invocations.",
            ),
            Option(
                "Configure provisioned concurrency of 50 on the function's alias.",
                False,
                "Provisioned concurrency keeps environments initialised to remove cold "
                "starts; it is not a ceiling, and the function still scales past it.",
            ),
            Option(
                "Move the updates to a FIFO queue and raise the batch size to 10,000 so that "
                "fewer invocations run.",
                False,
                f"A FIFO queue's event source takes batches of at most {_FIFO_BATCH} messages, "
                "and larger batches would not cap how far the function scales anyway.",
            ),
        ),
    ),
)

validate_bank(QUESTIONS)
