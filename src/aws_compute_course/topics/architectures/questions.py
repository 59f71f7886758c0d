"""Scenario questions for the Architectures topic (course notebook 09).

The longest prompts of the course, as on the exam: several constraints at once (traffic,
payload, latency, team, budget) and a qualifier. Authored to the standard in
``aws_compute_course.quiz.bank_problems``; every limit is read from the topic that owns it.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_LAMBDA_CONC = facts.integer("lambda.concurrency_default")
_LAMBDA_TIMEOUT_MIN = facts.integer("lambda.timeout_max_seconds") // 60
_LAMBDA_SYNC_MB = facts.integer("lambda.payload_sync_mb")
_ALB_LAMBDA_MB = facts.integer("load_balancers.alb_lambda_request_max_mb")
_APIGW_RPS = facts.integer("api_gateway.account_rate_rps")
_APIGW_BURST = facts.integer("api_gateway.account_burst")
_REST_TIMEOUT = facts.integer("api_gateway.rest_timeout_default_s")
_HTTP_TIMEOUT = facts.integer("api_gateway.http_timeout_s")
_APIGW_PAYLOAD = facts.integer("api_gateway.payload_max_mb")
_THROTTLE_STATUS = facts.integer("api_gateway.lambda_throttle_status")
_SQS_KIB = facts.integer("architectures.sqs_message_max_kib")
_MULTIVALUE = facts.integer("route53.multivalue_max_records")
_FARGATE_SPOT_NOTICE = facts.integer("ecs_fargate.fargate_spot_notice_minutes")

QUESTIONS: tuple[Question, ...] = validate_bank(
    [
        Question(
            id="arch-startup-spiky",
            prompt=(
                "A two-person startup is launching a JSON API for a mobile app. It expects about "
                "3 million requests in the first month, most of them in unpredictable bursts "
                "after push notifications, and long quiet periods at night when almost nothing "
                "arrives. Each request runs about 120 ms of business logic and reads from a "
                "DynamoDB table. The founders do not want to patch operating systems or tune "
                "scaling policies, they need JWT validation from their existing identity "
                "provider, and they have no need for usage plans, request validation or "
                "response caching. Their investors have asked them to keep the monthly bill close "
                "to zero until the app finds its users, and they expect to stay far below a "
                "thousand requests per second for at least a year. Which architecture is the "
                "MOST cost-effective while meeting these requirements?"
            ),
            options=(
                Option(
                    "An Auto Scaling group of two t3.medium instances behind an Application "
                    "Load Balancer, with target tracking at 50 % CPU",
                    False,
                    "Two instances and the ALB's hourly charge are paid around the clock, "
                    "including the quiet nights, and the founders would patch the instances.",
                ),
                Option(
                    "An API Gateway HTTP API with a JWT authorizer invoking a Lambda function",
                    True,
                    "Pay per request with nothing idle, a JWT authorizer built in, and the "
                    "HTTP API costs under a third of a REST API per request.",
                ),
                Option(
                    "An API Gateway REST API with a Lambda authorizer that validates the JWT, "
                    "invoking a Lambda function",
                    False,
                    "It works, but REST APIs cost several times more per request and the "
                    "features that justify them (usage plans, caching) are not needed here.",
                ),
                Option(
                    "An ECS service of two Fargate tasks behind an Application Load Balancer "
                    "that validates the JWT with an authenticate-oidc listener rule",
                    False,
                    "Two tasks and the ALB run all month for a few million requests: at this "
                    "volume the idle capacity dominates the bill.",
                ),
            ),
        ),
        Question(
            id="arch-two-autoscalers",
            prompt=(
                "A company runs a web application as an ECS service on EC2 container instances "
                "behind an Application Load Balancer. The service scales its task count with "
                "target tracking on CPU, and the instances are in an Auto Scaling group with its "
                "own CPU-based scaling policy that a different team tuned two years ago. During "
                "morning peaks new tasks stay in PENDING for "
                "several minutes because no instance has room, and at night half-empty instances "
                "are never removed. The tasks use the awsvpc network mode with an IP target "
                "group, and the company wants to keep running on EC2 because it relies on "
                "Graviton instances with a Savings Plan. The operations team is small and wants "
                "the instances to "
                "follow the tasks automatically without writing custom metrics or functions. "
                "Which change meets these requirements with the LEAST operational overhead?"
            ),
            options=(
                Option(
                    "Lower the Auto Scaling group's CPU target from 70 % to 40 % so that spare "
                    "instances are always available for new tasks",
                    False,
                    "More idle instances hide the problem at a price; the group still scales on "
                    "the wrong signal and nights stay half empty.",
                ),
                Option(
                    "Publish the number of PENDING tasks as a custom CloudWatch metric from a "
                    "scheduled Lambda function and add a step scaling policy on it",
                    False,
                    "That is the custom machinery the team wants to avoid; ECS already "
                    "publishes the right metric for a capacity provider.",
                ),
                Option(
                    "Create an Auto Scaling group capacity provider with managed scaling and use "
                    "it in the service's capacity provider strategy",
                    True,
                    "Managed scaling drives the group from CapacityProviderReservation: one "
                    "autoscaler for the tasks, and the instances follow.",
                ),
                Option(
                    "Switch the tasks to bridge networking with static host ports so that the "
                    "scheduler can predict how many tasks fit on each instance",
                    False,
                    "Static ports limit each instance to one copy of the task per port, which "
                    "makes packing worse and does nothing for instance scaling.",
                ),
            ),
        ),
        Question(
            id="arch-upload-size",
            prompt=(
                "A photo service receives uploads from a web front end through an Application "
                "Load Balancer that forwards to a Lambda function; the function resizes the "
                "image and stores it in Amazon S3. Since the product started accepting photos "
                "from newer phones, uploads of 3-8 MB fail while small ones succeed, and the "
                "team must support files of up to 25 MB. Browsers upload over slow mobile "
                "connections, so an upload can take more than a minute. Upload traffic is a few "
                "thousand a day "
                "with occasional bursts during events. The team wants to keep Lambda for the "
                "processing and choose the MOST scalable design with the lowest cost per upload."
            ),
            options=(
                Option(
                    "Replace the ALB with an API Gateway REST API and a Lambda proxy "
                    "integration, which accepts larger request bodies than the ALB does",
                    False,
                    f"API Gateway takes {_APIGW_PAYLOAD} MB and a synchronous Lambda "
                    f"invocation {_LAMBDA_SYNC_MB} MB, so 25 MB files still fail.",
                ),
                Option(
                    "Raise the ALB target group's maximum request body size for Lambda targets "
                    "and give the function the largest memory setting",
                    False,
                    f"The ALB's {_ALB_LAMBDA_MB} MB limit for Lambda targets is not a setting, "
                    "and memory does not change payload limits.",
                ),
                Option(
                    "Put the Lambda function behind a function URL in RESPONSE_STREAM mode so "
                    "that large request bodies are streamed to the function",
                    False,
                    "Response streaming raises the response size only; the request payload of "
                    "an invocation stays within the synchronous limit.",
                ),
                Option(
                    "Have a small function return a presigned S3 PUT URL, let clients upload "
                    "directly to S3, and process each object from an S3 event notification",
                    True,
                    "The body never passes through the ALB or Lambda's payload, S3 takes the "
                    "upload at any scale, and Lambda still does the processing.",
                ),
            ),
        ),
        Question(
            id="arch-alb-lambda-limits",
            prompt=(
                "An architect considers putting an Application Load Balancer in front of a "
                "Lambda function instead of an API Gateway API, to route some paths to ECS and "
                "others to Lambda. Which statements about ALB to Lambda are true? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    f"Request and response bodies are limited to {_ALB_LAMBDA_MB} MB each",
                    True,
                    "The ALB's own limit for Lambda targets, lower than Lambda's synchronous "
                    "payload; bigger bodies fail at the load balancer.",
                ),
                Option(
                    "The ALB gives Lambda targets API keys and usage plans with per-client "
                    "quotas, like an API Gateway REST API",
                    False,
                    "Usage plans and API keys are API Gateway REST features; an ALB has listener "
                    "rules, authentication actions and WAF, not per-client quotas.",
                ),
                Option(
                    "WebSocket connections cannot be forwarded to a Lambda target",
                    True,
                    "Lambda targets take one HTTP request per invocation; WebSockets need an "
                    "instance, IP or container target, or API Gateway WebSocket APIs.",
                ),
                Option(
                    f"A Lambda target can receive request bodies of up to {_LAMBDA_SYNC_MB} MB, "
                    "Lambda's synchronous invocation limit",
                    False,
                    f"The ALB stops bodies above {_ALB_LAMBDA_MB} MB before Lambda's own "
                    "limit is reached.",
                ),
                Option(
                    "Lambda targets cannot be protected with AWS WAF because WAF attaches only "
                    "to API Gateway stages and CloudFront distributions",
                    False,
                    "WAF web ACLs attach to ALBs too, and then protect every target type behind "
                    "them, Lambda included.",
                ),
            ),
        ),
        Question(
            id="arch-orders-queue",
            prompt=(
                "A retailer's order intake API must accept every order during flash sales, when "
                "traffic jumps tenfold within seconds to about 2,000 requests per second for "
                "twenty minutes. Orders are processed by a legacy fulfilment system that handles "
                "at most 200 orders per second and cannot be changed. The mobile app only needs "
                "an acknowledgement that the order was received; confirmation arrives later by "
                "push notification, and the app already retries on network errors. Orders are "
                "under 20 KB and must be processed at least once; duplicates are detected by the "
                "fulfilment system. The company wants no order lost and "
                "the LEAST operational overhead. Which architecture should a solutions architect "
                "recommend?"
            ),
            options=(
                Option(
                    "An API Gateway REST API with a direct AWS service integration that sends each "
                    "order to an SQS queue, and workers that feed the legacy system at its pace",
                    True,
                    "The queue absorbs the spike, the workers drain it at 200 per second, and "
                    "no function sits between API Gateway and SQS.",
                ),
                Option(
                    "An API Gateway REST API invoking a Lambda function that writes each order to "
                    "an SQS queue, with workers that feed the legacy system",
                    False,
                    "It works, but the extra function adds cost, code and a concurrency limit in "
                    "the path that the direct SQS integration avoids.",
                ),
                Option(
                    "An API Gateway REST API with a usage plan throttling clients to 200 requests "
                    "per second, integrated directly with the legacy fulfilment system",
                    False,
                    "Throttling protects the legacy system by rejecting orders with 429s: orders "
                    "are lost at exactly the moment they matter most.",
                ),
                Option(
                    "An Application Load Balancer and an Auto Scaling group of API servers with a "
                    "larger maximum size that call the legacy system synchronously",
                    False,
                    "More API servers do not raise the legacy system's 200 per second, and new "
                    "instances take minutes to arrive in a spike of seconds.",
                ),
            ),
        ),
        Question(
            id="arch-sqs-message-size",
            prompt=(
                "An insurance company accepts claim documents through an API Gateway REST API "
                "that sends each request directly to an Amazon SQS queue; Fargate workers read "
                "the queue and extract data. Documents used to be under 200 KB, but a new "
                "partner sends scanned claims of 2-4 MB, and those requests now fail although "
                f"they are well under API Gateway's {_APIGW_PAYLOAD} MB payload limit. Each "
                "partner "
                "sends a few hundred claims a day, the workers already have read access to the "
                "company's document bucket, and the partners' IT teams can make small changes "
                "to their clients. The "
                "company wants to keep the asynchronous design and the direct integration and "
                "needs the LEAST development effort. What should the solutions architect do?"
            ),
            options=(
                Option(
                    "Ask AWS Support to raise the API Gateway payload quota, since it is the limit "
                    "that large claims reach first",
                    False,
                    f"The {_APIGW_PAYLOAD} MB payload is not the binding limit (and is not "
                    "raisable); the SQS message is smaller.",
                ),
                Option(
                    "Move the API to an HTTP API, whose SQS-SendMessage integration accepts "
                    "larger messages than a REST API's AWS integration",
                    False,
                    "Both integrations end in the same SendMessage call, bound by the same SQS "
                    "message limit.",
                ),
                Option(
                    "Set the queue's MaximumMessageSize attribute to 10 MB so that it matches "
                    "the API Gateway payload limit",
                    False,
                    f"SQS messages are at most {_SQS_KIB:,} KiB (1 MiB); the attribute cannot "
                    "go higher.",
                ),
                Option(
                    "Have partners upload the document to S3 with a presigned URL and send only "
                    "the object key through the API, so that the queue carries a pointer",
                    True,
                    f"The claim-check pattern keeps every message far below the {_SQS_KIB:,} "
                    "KiB SQS limit while the design stays asynchronous and direct.",
                ),
            ),
        ),
        Question(
            id="arch-steady-volume",
            prompt=(
                "A payments company runs a containerised fraud-scoring service that receives a "
                "steady 400 requests per second around the clock, about a billion requests a "
                "month, with little daily variation. Each request uses about 80 ms of CPU and "
                "needs a p99 latency under 150 ms, so cold starts are not acceptable. The "
                "platform team already deploys everything as containers, does not want to "
                "manage EC2 instances or AMIs, and has committed to keep the service for at "
                "least three years. Security requires that the service is reachable only through "
                "the company's existing Application Load Balancer setup, and the finance team "
                "accepts a commitment if it lowers the bill. Which option is the MOST "
                "cost-effective?"
            ),
            options=(
                Option(
                    "An API Gateway REST API in front of a Lambda function with provisioned "
                    "concurrency sized for the steady load",
                    False,
                    "At a billion requests a month the per-request charges of REST and Lambda "
                    "far exceed the cost of always-on containers.",
                ),
                Option(
                    "An ECS service on Fargate behind an Application Load Balancer, with a "
                    "Compute Savings Plan covering the steady baseline",
                    True,
                    "Steady high volume favours always-on containers; Fargate removes the "
                    "instances and a Compute Savings Plan discounts it.",
                ),
                Option(
                    "An Auto Scaling group of Spot Instances only, across four instance types, "
                    "behind an Application Load Balancer",
                    False,
                    "Cheapest compute, but the team would manage instances and AMIs, and "
                    "interruptions of an all-Spot fleet threaten the latency objective.",
                ),
                Option(
                    "An Application Load Balancer in front of Lambda targets, which avoids the "
                    "API Gateway charge while keeping per-request billing",
                    False,
                    "Dropping API Gateway helps, but Lambda's duration charges at this steady "
                    "volume still cost more than containers, and cold starts remain.",
                ),
            ),
        ),
        Question(
            id="arch-cold-start-latency",
            prompt=(
                "A bank exposes an account-balance API through an API Gateway REST API and a "
                "Java Lambda function. The function's initialization takes about 1.5 seconds, "
                "invocations take 60 ms, and the service-level objective is a p99 latency of 300 "
                "ms. Traffic is near zero at night and climbs sharply every working day at 08:00 "
                "when branches open, and most SLO breaches happen in the first minutes after "
                "that. Moving to another runtime would mean rewriting a large shared library, and "
                "the team wants to keep the serverless design and the Java runtime, while "
                "paying as little as possible for idle capacity at night and at weekends. Which "
                "solution gives the LOWEST latency during the morning ramp?"
            ),
            options=(
                Option(
                    "Set reserved concurrency on the function equal to the expected morning peak "
                    "so that execution environments are set aside for it",
                    False,
                    "Reserved concurrency sets aside quota, not initialised environments; the "
                    "morning's first invocations are still cold.",
                ),
                Option(
                    "Raise the function's memory to the maximum setting so that it gets the most "
                    "vCPUs, which shortens the Java initialization until a cold start finishes "
                    "within the 300 ms objective",
                    False,
                    "More CPU shortens INIT somewhat, but a 1.5 s Java start does not drop under "
                    "300 ms, and every invocation costs more all day.",
                ),
                Option(
                    "Configure provisioned concurrency on an alias and scale it up with a "
                    "scheduled Application Auto Scaling action shortly before 08:00",
                    True,
                    "Provisioned environments are initialised before the ramp and "
                    "scheduled scaling keeps the cost to working hours.",
                ),
                Option(
                    "Move the function behind an Application Load Balancer, which keeps "
                    "connections to Lambda warm and avoids API Gateway's cold starts",
                    False,
                    "Cold starts are Lambda's INIT phase whatever the front; the ALB changes "
                    "nothing about them.",
                ),
            ),
        ),
        Question(
            id="arch-tv-spike",
            prompt=(
                "A ticketing site runs on EC2 instances in an Auto Scaling group behind an "
                "Application Load Balancer with target tracking at 50 % CPU. A television "
                "advertisement at a known time next Saturday is expected to raise traffic "
                "tenfold within a minute. New instances take about five minutes to pass health "
                "checks, and past spikes showed 5xx errors from the load balancer in the first "
                "minutes. The application is stateless, the database has ample headroom, and the "
                "company is willing to pay for extra capacity for the evening but not for the "
                "rest of the week. Which combination of actions makes the site MOST scalable "
                "for the event? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Raise the target tracking policy's CPU target to 90 % so that each instance "
                    "absorbs more of the spike",
                    False,
                    "A higher target leaves less headroom; the instances saturate sooner while "
                    "new ones take five minutes.",
                ),
                Option(
                    "Request an LCU reservation on the load balancer sized for the expected peak "
                    "ahead of the advertisement",
                    True,
                    "LCU reservation keeps the ALB at a minimum capacity for a known spike "
                    "instead of waiting for it to scale.",
                ),
                Option(
                    "Replace the Application Load Balancer with a Network Load Balancer, which "
                    "does not need to scale for sudden traffic",
                    False,
                    "NLBs also scale (and also offer reservations); it would give up the ALB's "
                    "HTTP routing without removing the instance lag.",
                ),
                Option(
                    "Add a scheduled action that raises the group's minimum and desired capacity "
                    "before the advertisement airs",
                    True,
                    "Instances launched ahead of time are healthy when the spike arrives; target "
                    "tracking scales back in afterwards.",
                ),
            ),
        ),
        Question(
            id="arch-lambda-throttle",
            prompt=(
                "A logistics company's tracking API uses an API Gateway REST API and a Lambda "
                "function in one account and Region. At the daily peak the API receives about "
                "3,000 requests per second and each invocation takes 600 ms. At those times "
                f"clients see HTTP {_THROTTLE_STATUS} errors for a few per cent of requests, "
                "although the function reports no errors of its own and the account's API "
                f"Gateway throttle of {_APIGW_RPS:,} requests per second is not reached. No other "
                "function runs in the account, the function has no reserved concurrency, and "
                "the business does not want clients to retry more or to lose tracking updates. "
                "The "
                "company wants the fix with the LEAST operational overhead. What should the "
                "solutions architect do?"
            ),
            options=(
                Option(
                    "Request a higher Lambda concurrency quota for the Region, because the peak "
                    f"needs about 1,800 concurrent executions and the default is {_LAMBDA_CONC:,}",
                    True,
                    "Concurrency is rate times duration: 3,000 x 0.6 s = 1,800, above the "
                    "default; throttled invocations reach clients through API Gateway as 500s.",
                ),
                Option(
                    "Request a higher API Gateway account throttle, because throttled requests "
                    "are what produce these errors",
                    False,
                    f"API Gateway throttling returns 429, and the {_APIGW_RPS:,} requests per "
                    "second limit is not reached here.",
                ),
                Option(
                    "Enable API caching on the stage with the default TTL so that fewer requests "
                    "reach the function at the peak",
                    False,
                    "Caching helps only repeated GETs of the same key; tracking updates are "
                    "fresh per request and the concurrency shortfall remains.",
                ),
                Option(
                    "Add a usage plan with API keys that limits each client to a share of the "
                    "3,000 requests per second",
                    False,
                    "Limiting clients rejects their requests with 429s instead of serving them; "
                    "the function would still lack concurrency.",
                ),
            ),
        ),
        Question(
            id="arch-eip-standby",
            prompt=(
                "A legacy licensing server must run on a single EC2 instance reachable at a "
                "fixed public IP address that customers have allow-listed. Today a standby "
                "instance waits in another Availability Zone and an administrator moves the "
                "Elastic IP to it when the primary fails; last year a hardware failure caused an "
                "hour of downtime at night before anyone noticed. The vendor's licence allows "
                "only one running copy, so an active-active design is not possible. The "
                "company wants the HIGHEST availability the pattern allows. Which statement "
                "about this pattern is correct today?"
            ),
            options=(
                Option(
                    "Automatic recovery needs a CloudWatch alarm with the recover action on every "
                    "instance before it can move an instance to new hardware",
                    False,
                    "Simplified automatic recovery is on by default for supported instances; no "
                    "alarm is needed any more.",
                ),
                Option(
                    "An Auto Scaling group with a minimum, maximum and desired capacity of one "
                    "keeps "
                    "the Elastic IP on the replacement instance, because the group remembers the "
                    "addresses of the instances it launched",
                    False,
                    "A replacement is a new instance: something (user data or a lifecycle hook) "
                    "must associate the Elastic IP again.",
                ),
                Option(
                    "Simplified automatic recovery restarts a failed instance on new hardware in "
                    "the same zone keeping its instance ID and Elastic IP, but not across zones",
                    True,
                    "Recovery keeps identity and addresses; surviving a zone failure still "
                    "needs the standby (or Global Accelerator's static IPs in front).",
                ),
                Option(
                    "Elastic IP addresses can be attached to instances in several Regions, so the "
                    "standby can run in another Region with the same address",
                    False,
                    "An Elastic IP belongs to one Region; for static anycast IPs across Regions "
                    "use Global Accelerator.",
                ),
            ),
        ),
        Question(
            id="arch-dns-ttl",
            prompt=(
                "A company serves a stateless web tier from twelve EC2 instances that are "
                "published as Route 53 multivalue answer records with health checks and a "
                "300-second TTL, to avoid paying for a load balancer. When an instance fails, "
                "some users see errors for several minutes, and during peaks some instances "
                "are overloaded while others are idle, because large corporate resolvers cache one "
                "answer for thousands of users. The company wants failover within "
                "seconds and even load, with the LEAST operational overhead. What should a "
                "solutions architect recommend?"
            ),
            options=(
                Option(
                    "Lower the records' TTL to 1 second and switch the Route 53 health checks to "
                    "the "
                    "fast 10-second interval so that DNS answers change within seconds of a "
                    "failure and every client resolves again before each request",
                    False,
                    "Resolvers and clients may still cache answers; load follows clients, not "
                    "requests, and query charges rise with every lookup.",
                ),
                Option(
                    f"Add more multivalue records so that each answer returns all twelve "
                    f"instances instead of {_MULTIVALUE}",
                    False,
                    f"A multivalue answer returns at most {_MULTIVALUE} healthy records; more "
                    "records do not make clients spread requests evenly.",
                ),
                Option(
                    "Replace the records with a weighted routing policy that gives each instance "
                    "an equal weight and a health check",
                    False,
                    "Weighted records are still DNS: the same TTL caching and the same "
                    "per-client stickiness of answers.",
                ),
                Option(
                    "Put the instances in an Auto Scaling group behind an Application Load "
                    "Balancer and point an alias record at the load balancer",
                    True,
                    "The ALB balances per request and stops sending to an unhealthy target "
                    "within its health-check interval; DNS TTLs no longer matter.",
                ),
            ),
        ),
        Question(
            id="arch-private-http-backend",
            prompt=(
                "A company wants to expose an internal order service through an API Gateway "
                "REST API with API keys, usage plans and request validation. The service runs "
                "on ECS tasks behind an internal Application Load Balancer in private subnets "
                "and must not be reachable from the internet. A partner has asked for a "
                "production endpoint within two weeks, the security team reviews every new "
                "network component, and the existing ALB already carries the listener rules "
                "and certificates the service needs. The team wants the LEAST "
                "operational overhead and the fewest components in the request path. How "
                "should the API Gateway integration reach the service?"
            ),
            options=(
                Option(
                    "Make the Application Load Balancer internet-facing and restrict its "
                    "security group to API Gateway's published IP ranges",
                    False,
                    "The service becomes reachable from the internet, and the IP ranges are "
                    "shared by every API Gateway customer.",
                ),
                Option(
                    "Create a private integration over a VPC link (v2) that targets the internal "
                    "Application Load Balancer directly",
                    True,
                    "VPC link v2 reaches an ALB from REST APIs with no NLB in between: private, "
                    "and one component fewer.",
                ),
                Option(
                    "Place a Network Load Balancer in front of the Application Load Balancer and "
                    "create a VPC link that targets the Network Load Balancer",
                    False,
                    "That was the only way with VPC link v1; it still works but adds an NLB "
                    "that REST APIs no longer need.",
                    obsolete=True,
                ),
                Option(
                    "Invoke a Lambda function in the VPC that forwards each request to the "
                    "internal load balancer over HTTP",
                    False,
                    "A proxy function adds cost, latency, code and a concurrency limit to every "
                    "request for no gain.",
                ),
            ),
        ),
        Question(
            id="arch-fargate-spot-workers",
            prompt=(
                "A media company wants to cut the cost of thumbnail workers that read jobs "
                "from an SQS queue and run as an ECS service on Fargate. Jobs are idempotent and "
                "take about 40 seconds; the images are currently built for arm64. The team "
                "plans to run most tasks on Fargate Spot with a small On-Demand base through a "
                "capacity provider strategy, and will keep the queue's visibility timeout at "
                "twice the job duration. The business accepts slower processing when Spot "
                "capacity is short but not lost jobs. Which statements must the design account "
                "for to "
                "be the MOST cost-effective without losing jobs? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Fargate Spot runs Linux tasks on x86_64 only, so the image must also be "
                    "built for x86_64",
                    True,
                    "Fargate Spot does not run arm64 or Windows tasks; a multi-architecture "
                    "image or an x86_64 build is needed.",
                ),
                Option(
                    "Fargate Spot tasks receive a two-hour notice before interruption, enough to "
                    "drain the queue first",
                    False,
                    f"The notice is {_FARGATE_SPOT_NOTICE} minutes (a SIGTERM); two hours is a "
                    "confusion with nothing in ECS.",
                ),
                Option(
                    "Fargate Spot needs an EC2 Auto Scaling group capacity provider with Spot "
                    "Instances registered to the cluster, and the service's strategy must name "
                    "that provider next to the FARGATE one",
                    False,
                    "FARGATE_SPOT is a built-in capacity provider; no instances or groups are "
                    "involved.",
                ),
                Option(
                    f"An interrupted task gets a SIGTERM {_FARGATE_SPOT_NOTICE} minutes before "
                    "it stops, and a job it has not deleted returns to the queue",
                    True,
                    "Stopping cleanly on SIGTERM and relying on the visibility timeout means "
                    "no job is lost when a task is reclaimed.",
                ),
            ),
        ),
        Question(
            id="arch-rest-vs-http-features",
            prompt=(
                "A software vendor is publishing a public API for partners. Each partner gets "
                "an API key with its own monthly quota and request rate, requests must be "
                "validated against a JSON schema before any code runs, and responses for the "
                "product catalogue should be cached for five minutes. The backend logic is "
                "short and stateless, traffic is modest and uneven (a few million requests a "
                "month), "
                "partners are billed by the vendor according to the quotas they buy, and the "
                "vendor has no operations staff. Which architecture meets the requirements with "
                "the LEAST "
                "operational overhead?"
            ),
            options=(
                Option(
                    "An API Gateway HTTP API with a Lambda integration, a Lambda authorizer for "
                    "the keys and a DynamoDB table that counts each partner's requests",
                    False,
                    "HTTP APIs have no usage plans, API keys, request validation or caching: "
                    "all of it would be custom code to run.",
                ),
                Option(
                    "Lambda function URLs with AWS_IAM auth, one per partner, and CloudFront in "
                    "front for caching the catalogue",
                    False,
                    "Function URLs have no quotas or schema validation, and one URL per partner "
                    "multiplies what the vendor operates.",
                ),
                Option(
                    "An API Gateway REST API with usage plans and API keys, a request validator, "
                    "stage caching, and a Lambda integration",
                    True,
                    "REST APIs provide each requirement as configuration, and Lambda leaves "
                    "nothing to operate for modest, uneven traffic.",
                ),
                Option(
                    "An Application Load Balancer with Lambda targets, listener rules per partner "
                    "and AWS WAF rate-based rules for the quotas",
                    False,
                    "Rate-based rules block abusive rates but are not monthly quotas, and the "
                    "ALB neither validates schemas nor caches.",
                ),
            ),
        ),
        Question(
            id="arch-long-report",
            prompt=(
                "Analysts request financial reports through a web portal. Generating a report "
                "takes 5 to 25 minutes of CPU-heavy work and produces a file of up to 200 MB. "
                "The portal currently calls an API Gateway HTTP API that invokes a Lambda "
                "function synchronously, and most requests now time out. Reports are requested "
                "a few hundred times a day, mostly at month end, the report engine is a container "
                "image the team already maintains, the analysts accept getting a notification when "
                "a "
                "report is ready, and the team wants the MOST operationally efficient design "
                "that no longer depends on how long a report takes."
            ),
            options=(
                Option(
                    f"Raise the HTTP API's integration timeout above {_HTTP_TIMEOUT} seconds "
                    "and give the function its maximum memory",
                    False,
                    f"The HTTP API timeout ({_HTTP_TIMEOUT} s) is not raisable, and reports of "
                    f"25 minutes exceed Lambda's {_LAMBDA_TIMEOUT_MIN}-minute maximum anyway.",
                ),
                Option(
                    "Accept the request into an SQS queue, run each report as a Fargate task "
                    "that writes the file to S3, and notify the analyst with a presigned link",
                    True,
                    "Asynchronous: no front-end timeout applies, Fargate has no 15-minute "
                    "limit, and S3 serves files of any size.",
                ),
                Option(
                    "Switch to an API Gateway REST API, request a higher integration timeout, "
                    "and keep the synchronous Lambda invocation",
                    False,
                    f"A raised REST timeout still cannot cover a 25-minute report, which is "
                    f"past Lambda's {_LAMBDA_TIMEOUT_MIN} minutes.",
                ),
                Option(
                    "Put the function behind an Application Load Balancer with a 30-minute idle "
                    "timeout and stream the report back in the response",
                    False,
                    f"Lambda stops at {_LAMBDA_TIMEOUT_MIN} minutes and the ALB limits Lambda "
                    f"responses to {_ALB_LAMBDA_MB} MB: both break here.",
                ),
            ),
        ),
    ]
)
