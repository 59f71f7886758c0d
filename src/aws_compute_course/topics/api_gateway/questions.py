"""Scenario questions for the API Gateway topic (course notebook 07).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, two
choose-two questions, no distractor that relies on a retired feature. Every AWS number comes
from the topic's facts or the price snapshot. The course shuffles the options per learner.
"""

from aws_compute_course import facts
from aws_compute_course.pricing import price
from aws_compute_course.quiz import Option, Question, validate_bank
from aws_compute_course.topics.api_gateway import burst_throttled

_RATE = facts.integer("api_gateway.account_rate_rps")
_BURST = facts.integer("api_gateway.account_burst")
_PAYLOAD = facts.integer("api_gateway.payload_max_mb")
_REST_TIMEOUT = facts.integer("api_gateway.rest_timeout_default_s")
_HTTP_TIMEOUT = facts.integer("api_gateway.http_timeout_s")
_TTL = facts.integer("api_gateway.cache_ttl_default_s")
_TTL_MAX = facts.integer("api_gateway.cache_ttl_max_s")
_AUTH_TTL = facts.integer("api_gateway.authorizer_ttl_default_s")
_REST_PRICE = price("apigw.rest.per_million").price
_HTTP_PRICE = price("apigw.http.per_million").price
_SPIKE_THROTTLED = burst_throttled(100, 200, 500)

QUESTIONS: tuple[Question, ...] = validate_bank(
    [
        Question(
            id="apigw-lambda-throttle-500",
            prompt=(
                "A retailer exposes an order API through an Amazon API Gateway REST API with a "
                "Lambda proxy integration. During a flash sale the client dashboards show a "
                'spike of HTTP 500 responses with the body {"message": "Internal server '
                "error\"}. API Gateway's Count metric is well below the account's "
                f"{_RATE:,} requests per second, the Lambda function's Errors metric is flat, "
                "and its Throttles metric rises in step with the 500s. The team wants the "
                "errors gone before the next sale, which is next week, with the LEAST "
                "operational overhead. What should a solutions architect do?"
            ),
            options=(
                Option(
                    "Ask AWS Support to raise the API Gateway account-level throttle for the "
                    "Region, because API Gateway is rejecting the requests it cannot serve.",
                    False,
                    "API Gateway's own throttling answers 429, not 500, and the API is far below "
                    "its account limit: raising that limit changes nothing here.",
                ),
                Option(
                    "Raise the function's concurrency (a Lambda concurrency quota increase, "
                    "or reserved concurrency for it) so invocations stop being throttled.",
                    True,
                    "When the Lambda API rejects an invocation (a throttle), API Gateway answers "
                    "500; the Throttles metric confirms it. More concurrency for the function "
                    "removes the cause with a configuration change.",
                ),
                Option(
                    "Wrap the function code in a try/except block that formats every exception "
                    "as a proxy response with status 503, so clients know to retry later.",
                    False,
                    "The function never runs when it is throttled, so its code cannot format "
                    "anything; and function errors are flat. This targets 502s, not these 500s.",
                ),
                Option(
                    "Turn on API Gateway retries for the Lambda integration, so a throttled "
                    "invocation is tried again before the client sees an error response.",
                    False,
                    "API Gateway does not retry Lambda invocations: the error goes straight "
                    "back to the client. There is no such setting to turn on.",
                ),
            ),
        ),
        Question(
            id="apigw-partner-quotas",
            prompt=(
                "A logistics company sells access to its tracking API to about forty partner "
                "companies. Each contract sets a request rate and a monthly number of calls, "
                "and the sales team wants to see each partner's usage per month. Partners call "
                "from their own servers over the internet; a noisy partner must not slow "
                "down the others. The API runs on AWS Lambda and the company wants the MOST "
                "operationally efficient design that enforces the contracts without building "
                "its own metering service. Which design meets these requirements?"
            ),
            options=(
                Option(
                    "An HTTP API with a JWT authorizer per partner, and a Lambda function that "
                    "counts each partner's calls in DynamoDB and rejects them over the limit.",
                    False,
                    "HTTP APIs have no usage plans or per-client throttling, so the company "
                    "would build and run the metering itself, which it wants to avoid.",
                ),
                Option(
                    "A REST API with one stage per partner, each stage throttled at the "
                    "partner's rate, and a CloudWatch alarm per stage for the monthly number.",
                    False,
                    "Stages per API are limited and are meant for versions, not customers; an "
                    "alarm reports a monthly total but does not stop calls beyond it.",
                ),
                Option(
                    "A REST API with an API key per partner, each key in a usage plan whose "
                    "throttle and monthly quota match the contract.",
                    True,
                    "Usage plans give each API key its own token bucket (rate and burst) and "
                    "a quota per DAY, WEEK or MONTH, and report usage per key: per-client "
                    "throttling with no code. Add an authorizer for identity.",
                ),
                Option(
                    "A REST API with AWS WAF rate-based rules keyed on each partner's source "
                    "IP addresses, and the monthly totals read from API Gateway access logs.",
                    False,
                    "Rate-based rules block floods per IP address but have no monthly quota "
                    "per contract, and partners' addresses change; usage would be rebuilt "
                    "from logs by hand.",
                ),
            ),
        ),
        Question(
            id="apigw-large-upload",
            prompt=(
                "A mobile app lets insurance customers upload photos and short videos of "
                "damage, usually 15 to 40 MB each, through an API Gateway REST API backed by "
                "Lambda, which stores them in Amazon S3. Uploads fail with HTTP 413 errors. "
                "Retrying on a faster mobile network does not help, and support tickets are piling "
                "up. Only signed-in customers may upload, each object must land under the "
                "customer's own prefix, and the team wants the MOST cost-effective fix that "
                "does not add servers to manage. What should the solutions architect do?"
            ),
            options=(
                Option(
                    "Add an API method that returns a presigned S3 PUT URL for the customer's "
                    "prefix, and have the app upload the file straight to S3 with it.",
                    True,
                    f"API Gateway refuses payloads above {_PAYLOAD} MB (not raisable). A "
                    "presigned URL lets the authenticated API decide the key while the bytes go "
                    "directly to S3, with no gateway or Lambda time for them.",
                ),
                Option(
                    "Request a service quota increase for the API Gateway payload size so that "
                    "the REST API accepts request bodies of up to 50 MB.",
                    False,
                    f"The {_PAYLOAD} MB payload limit cannot be increased, for REST or HTTP "
                    "APIs, so no quota request will make these uploads pass.",
                ),
                Option(
                    "Move the upload path to an HTTP API with a JWT authorizer, which is "
                    "cheaper and accepts larger bodies because it is a newer product.",
                    False,
                    f"HTTP APIs have the same {_PAYLOAD} MB payload limit, so the 413s would "
                    "continue; the lower request price does not fix the size problem.",
                ),
                Option(
                    "Put an Application Load Balancer with Amazon EC2 upload servers behind the "
                    "API as an HTTP integration, so the large files bypass Lambda.",
                    False,
                    "The body still passes through API Gateway and its limit, and the design "
                    "adds servers to manage and pay for, which the team wants to avoid.",
                ),
            ),
        ),
        Question(
            id="apigw-http-vs-rest-cost",
            prompt=(
                "A start-up's public API serves a single-page app. Users sign in with an "
                "OpenID Connect provider that issues JWTs; the API must check the token's "
                "issuer, audience and scopes. Traffic is about 200 million requests a month, "
                "all proxied to Lambda functions, and it is expected to double within a year. The "
                "team needs no API keys, caching, request "
                "validation or AWS WAF, latency must stay low, and the two developers do not want "
                "to write or run their own token-checking code. Which option is the "
                "MOST cost-effective?"
            ),
            options=(
                Option(
                    "A REST API with a Lambda authorizer that validates the JWTs, with the "
                    "authorizer's result cached for the token's lifetime.",
                    False,
                    f"It works but costs ${_REST_PRICE:.2f} per million requests against "
                    f"${_HTTP_PRICE:.2f} for an HTTP API, plus authorizer invocations, for "
                    "features the team does not need.",
                ),
                Option(
                    "An edge-optimized REST API with an Amazon Cognito user pool authorizer "
                    "federated to the OpenID Connect provider.",
                    False,
                    "Federating through Cognito adds a service and a sign-in flow, and the "
                    "REST request price is the higher one; nothing here needs REST features.",
                ),
                Option(
                    "An Application Load Balancer with Lambda targets and an authenticate-oidc "
                    "listener rule in front of the functions.",
                    False,
                    "ALB OIDC authentication is a browser sign-in flow with session cookies; it "
                    "does not validate bearer JWT scopes for an API, and it bills per hour.",
                ),
                Option(
                    "An HTTP API with a JWT authorizer configured with the provider's issuer "
                    "and audience, and scopes on the routes.",
                    True,
                    "HTTP APIs validate JWTs natively (no authorizer function to run) and cost "
                    f"${_HTTP_PRICE:.2f} per million requests against ${_REST_PRICE:.2f} for "
                    "REST; none of the REST-only features are needed.",
                ),
            ),
        ),
        Question(
            id="apigw-private-api",
            prompt=(
                "A bank's internal pricing service must be reachable only from applications "
                "in three VPCs of the same account; nothing on the internet may resolve or "
                "reach it. The security team requires that access be controlled in the API's "
                "own policy, that AWS WAF inspect the requests, and that request bodies be "
                "validated against a schema before they reach the Lambda backend. The VPCs already "
                "have private subnets and no internet gateway in the application tier. Which "
                "design is the MOST secure while meeting every requirement?"
            ),
            options=(
                Option(
                    "A Regional HTTP API with a JWT authorizer, and security groups on the "
                    "Lambda functions that allow only the three VPCs' CIDR ranges.",
                    False,
                    "HTTP APIs have no private endpoint, no AWS WAF, no resource policy and no "
                    "request validation, and the endpoint stays public.",
                ),
                Option(
                    "A private REST API reached through an interface VPC endpoint in each VPC, "
                    "a resource policy allowing only those endpoints, AWS WAF and a request "
                    "validator.",
                    True,
                    "Private REST APIs are reachable only through execute-api interface "
                    "endpoints, and the resource policy names which ones; REST APIs also "
                    "support AWS WAF and request validation.",
                ),
                Option(
                    "An edge-optimized REST API with a resource policy that allows the NAT "
                    "gateways' Elastic IP addresses of the three VPCs.",
                    False,
                    "The API stays on the internet (through CloudFront), which the bank "
                    "forbids; an IP allow list of NAT addresses is weaker than endpoint IDs.",
                ),
                Option(
                    "A Regional REST API with IAM authorization, reached from the VPCs through "
                    "their NAT gateways, with AWS WAF allowing only the NAT addresses.",
                    False,
                    "A Regional endpoint is public: anyone can resolve and reach it, even if "
                    "calls are refused, which breaks the requirement.",
                ),
            ),
        ),
        Question(
            id="apigw-cache-catalog",
            prompt=(
                "An online bookshop's REST API answers GET /books/{id}?lang=xx from a "
                "relational database. Ninety percent of the calls ask for the 2,000 most "
                "popular books, answers are about 20 KB, and a book's details may be up to "
                "five minutes stale. At peak the database's CPU is saturated and response "
                "times grow. Each answer depends only on the book and the language, never on who "
                "asks. The team wants the LOWEST latency for readers at a modest cost, "
                "without changing the client. What should the solutions architect do?"
            ),
            options=(
                Option(
                    "Enable the stage cache (0.5 GB), keep the default TTL, and make the lang "
                    "query string a cache key parameter besides the path.",
                    True,
                    f"The default TTL ({_TTL} s) matches the five minutes of staleness, a "
                    "small cache holds the popular books, and lang must be in the key or one "
                    "language's answer would be served for another.",
                ),
                Option(
                    "Enable the stage cache with the maximum TTL and leave the cache key at "
                    "the path only, so that each book is fetched from the database just once.",
                    False,
                    f"A {_TTL_MAX:,} s TTL breaks the five-minute staleness limit, and without "
                    "lang in the key readers get answers in the wrong language.",
                ),
                Option(
                    "Raise the stage's throttle so that more requests reach the database "
                    "during the peak, and add a read replica later if needed.",
                    False,
                    "More requests make the saturated database slower; throttling protects a "
                    "backend, it does not reduce its load per answer.",
                ),
                Option(
                    "Enable the stage cache and add the Authorization header to the cache key, "
                    "so every reader gets an answer cached for them alone.",
                    False,
                    "Book details are the same for every reader; a per-user key multiplies the "
                    "entries and drives the hit ratio towards zero.",
                ),
            ),
        ),
        Question(
            id="apigw-long-timeout",
            prompt=(
                "A company exposes a generative-AI summarisation service through a Regional "
                "REST API with an HTTP integration to containers behind an internal "
                "Application Load Balancer in private subnets. Some summaries take 60 to 90 "
                "seconds, and those "
                "calls end with HTTP 504 after "
                f"{_REST_TIMEOUT} seconds. Clients are third parties who cannot change how "
                "they call the API, the same containers answer short requests quickly, and the "
                "API's traffic is modest, far below the account's throttle. Which solution "
                "requires the FEWEST changes?"
            ),
            options=(
                Option(
                    "Move the API to an HTTP API, whose integrations may run for up to two "
                    "minutes, and point it at the same load balancer through a VPC link.",
                    False,
                    f"HTTP APIs stop at {_HTTP_TIMEOUT} seconds and the limit cannot be "
                    "raised, so the long summaries would still time out.",
                ),
                Option(
                    "Convert the API to edge-optimized so that CloudFront holds the connection "
                    "open while the containers finish the long summaries.",
                    False,
                    f"Edge-optimized REST APIs are the ones that stay at {_REST_TIMEOUT} "
                    "seconds; CloudFront does not extend the integration timeout.",
                ),
                Option(
                    "Request a quota increase for the integration timeout, then raise the "
                    "integration's timeout above 90 seconds on this Regional REST API.",
                    True,
                    "Since June 2024 Regional and private REST APIs can wait longer than "
                    f"{_REST_TIMEOUT} s after a quota increase (which may lower the account "
                    "throttle, acceptable at modest traffic); nothing else changes.",
                ),
                Option(
                    "Rewrite the service as an asynchronous job API that returns a job ID and "
                    "have clients poll a second resource until the summary is ready.",
                    False,
                    "A sound pattern, but clients cannot change how they call the API, and it "
                    "is the largest change of the four.",
                ),
            ),
        ),
        Question(
            id="apigw-which-429",
            prompt=(
                "Clients of a REST API backed by Lambda receive HTTP 429 Too Many Requests. "
                "Which two situations produce a 429 from API Gateway? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "The requests exceed the token bucket of the stage or of the account "
                    "in the Region, after its burst is used up.",
                    True,
                    "API Gateway's own throttling (token buckets at the usage plan, stage or "
                    "method, and account levels) answers 429 Too Many Requests.",
                ),
                Option(
                    "The Lambda function is throttled because it reached its reserved "
                    "concurrency, so the Lambda API refuses the invocation.",
                    False,
                    "A Lambda throttle behind API Gateway becomes a 500 with 'Internal server "
                    "error', not a 429: API Gateway does not pass Lambda's code through.",
                ),
                Option(
                    "The function ran but returned a response that is not in the Lambda "
                    "proxy integration's format, for example without statusCode.",
                    False,
                    "A malformed proxy response, like a function error, gives 502 from API "
                    "Gateway, not a throttling status.",
                ),
                Option(
                    "The caller's API key has used up its usage plan's quota for the current "
                    "day, week or month.",
                    True,
                    "A usage plan quota that is used up refuses further calls of that key with "
                    "429 until the next period starts.",
                ),
            ),
        ),
        Question(
            id="apigw-invalidate",
            prompt=(
                "A REST API caches GET responses for 10 minutes. After an editor corrects a "
                "price, the old price is served until the entry expires. Which two actions "
                "remove stale answers before the TTL ends? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Send the request with the header Cache-Control: no-store, which API "
                    "Gateway treats as a permanent opt-out for that key.",
                    False,
                    "API Gateway documents max-age=0 for invalidating one entry; no-store does "
                    "not opt a key out of the stage cache.",
                ),
                Option(
                    "Have the back office send that GET with Cache-Control: max-age=0, signed "
                    "by a role allowed execute-api:InvalidateCache.",
                    True,
                    "A request with max-age=0 fetches from the backend and replaces the entry; "
                    "when authorization is required the caller needs InvalidateCache.",
                ),
                Option(
                    "Flush the stage's entire cache from the console or the API after a bulk "
                    "price update.",
                    True,
                    "Flushing the stage cache removes every entry at once: the next request "
                    "for each key goes to the backend and refills it.",
                ),
                Option(
                    "Lower the account-level throttle for a minute so that clients retry and "
                    "their retries refresh the entries from the backend.",
                    False,
                    "Throttled retries still hit the same cached entries; throttling has no "
                    "effect on what the cache holds or for how long.",
                ),
            ),
        ),
        Question(
            id="apigw-websocket-chat",
            prompt=(
                "A gaming company adds in-game chat: players in a match exchange short "
                "messages, and the server pushes match events to every player in real time. "
                "Matches last 20 to 40 minutes, a match holds up to 50 players, and traffic "
                "varies greatly through the day. "
                "Players connect from mobile devices over unreliable networks and reconnect often. "
                "The team has no operations staff, wants to pay nothing while no one plays, "
                "and wants the LEAST operational overhead. Which solution meets these "
                "requirements?"
            ),
            options=(
                Option(
                    "A REST API that clients poll every second for new messages, with the "
                    "stage cache holding the latest messages of each match.",
                    False,
                    "Polling sends a request per player per second whether or not anything "
                    "happened, and a cache adds hourly cost and staleness to a chat.",
                ),
                Option(
                    "An HTTP API with long polling: each request waits up to its integration "
                    "timeout for a new message before returning.",
                    False,
                    "HTTP APIs are request/response with a short maximum integration timeout; "
                    "long polling wastes requests and cannot push match events.",
                ),
                Option(
                    "EC2 instances in an Auto Scaling group behind a Network Load Balancer "
                    "running a WebSocket server, with sticky connections.",
                    False,
                    "It works but means servers, patching and scaling to run, and instances "
                    "cost money while no one plays.",
                ),
                Option(
                    "An API Gateway WebSocket API with Lambda routes, connection IDs kept in "
                    "DynamoDB, and pushes through the @connections API.",
                    True,
                    "WebSocket APIs keep two-way connections and bill messages and connection "
                    "minutes only; Lambda and DynamoDB scale to zero with no servers.",
                ),
            ),
        ),
        Question(
            id="apigw-waf-and-jwt",
            prompt=(
                "A healthcare portal's API must sit behind AWS WAF with managed rule groups, "
                "accept only tokens from the company's OAuth 2.0 identity provider (JWTs "
                "with a required scope per operation), reject malformed request bodies before "
                "they reach the backend, and meter each clinic's calls with API keys. Auditors "
                "will review every component that handles tokens, so fewer moving parts are "
                "better. The "
                "architects want a single API Gateway API and the MOST secure design that "
                "meets all of these requirements. Which design should they choose?"
            ),
            options=(
                Option(
                    "A REST API with AWS WAF, a Lambda authorizer that validates the JWT and "
                    "its scopes, a request validator, and usage plans with API keys.",
                    True,
                    "Only REST APIs offer AWS WAF, request validation and usage plans; REST has "
                    "no native JWT authorizer, so a Lambda authorizer validates the tokens.",
                ),
                Option(
                    "An HTTP API with a JWT authorizer and scopes on the routes, with AWS WAF "
                    "attached to the API's default stage.",
                    False,
                    "HTTP APIs have the native JWT authorizer but no AWS WAF, no request "
                    "validation and no API keys, so three requirements fail.",
                ),
                Option(
                    "A REST API that uses the clinics' API keys as the only credential, with "
                    "AWS WAF and a request validator on every method.",
                    False,
                    "API keys identify callers for usage plans; AWS says not to rely on them as "
                    "the only authorization, and no JWT would be checked at all.",
                ),
                Option(
                    "An HTTP API with a JWT authorizer behind an Amazon CloudFront distribution "
                    "that carries the AWS WAF web ACL and the API keys as custom headers.",
                    False,
                    "Two APIs' worth of parts, yet still no request validation or per-key "
                    "usage plans; shared headers in CloudFront are not per-clinic keys.",
                ),
            ),
        ),
        Question(
            id="apigw-keys-not-auth",
            prompt=(
                "An internal REST API identifies callers only by the x-api-key header of a "
                "usage plan. A key was found in a public code repository. What is the MOST "
                "secure way to protect the API from now on?"
            ),
            options=(
                Option(
                    "Rotate every API key each week and lower the usage plan's quota so that a "
                    "leaked key can do less harm before it is replaced.",
                    False,
                    "A leaked key still works until rotation; API keys remain a metering "
                    "identifier, not a credential, however often they change.",
                ),
                Option(
                    "Move the API to a new stage with a new invoke URL and send the URL only "
                    "to the teams that are allowed to call it.",
                    False,
                    "A secret URL is obscurity, not authorization; the old and the new stage "
                    "would both remain callable by anyone who learns the address.",
                ),
                Option(
                    "Add real authorization (IAM with SigV4 for the internal callers, or a "
                    "Cognito or Lambda authorizer) and keep keys for metering.",
                    True,
                    "AWS says not to rely on API keys as the only means of authorization; an "
                    "authorizer checks who calls, usage plans still meter.",
                ),
                Option(
                    "Require the API key on every method, including OPTIONS, so that no "
                    "request can reach the backend without presenting a key.",
                    False,
                    "The problem is that the key is the only credential; requiring it in more "
                    "places does not stop whoever holds the leaked key.",
                ),
            ),
        ),
        Question(
            id="apigw-canary",
            prompt=(
                "A team deploys a new version of a REST API and wants 10% of production "
                "traffic to try it first, with separate metrics, and a one-step rollback. "
                "Which approach causes the LEAST downtime?"
            ),
            options=(
                Option(
                    "Create a second stage named v2, publish its URL to 10% of the customers, "
                    "and later move everyone to the new URL.",
                    False,
                    "Clients must change URLs, the split is by customer rather than by request, "
                    "and rolling back means asking them to switch again.",
                ),
                Option(
                    "Deploy with canary settings on the production stage at 10% canary "
                    "traffic, watch its metrics, then promote it or remove it.",
                    True,
                    "A canary release sends a configured share of the stage's requests at "
                    "random to the new deployment with its own metrics; promoting or deleting "
                    "it is one step.",
                ),
                Option(
                    "Redeploy the production stage with the new version at night, and keep the "
                    "previous deployment ID ready to restore if errors appear.",
                    False,
                    "All traffic gets the new version at once; the rollback works but every "
                    "client is exposed to a bad release first.",
                ),
                Option(
                    "Put a Route 53 weighted record in front of two APIs, 90 and 10, and "
                    "shift the weights when the new API looks healthy.",
                    False,
                    "It works but needs a second API, a custom domain and DNS changes whose "
                    "caching delays the rollback, for what the stage does natively.",
                ),
            ),
        ),
        Question(
            id="apigw-regional-own-cloudfront",
            prompt=(
                "A media company's customers are worldwide. Its REST API must sit behind "
                "Amazon CloudFront so that the company can set its own cache behaviours for "
                "some paths, attach CloudFront Functions that rewrite headers, and use one "
                "distribution for the website and the API under the same domain. The API has a "
                "single deployment in one Region and the team does not want more. The "
                "company wants the LOWEST latency for global users while keeping full "
                "control of the distribution. Which endpoint type should the API use?"
            ),
            options=(
                Option(
                    "Edge-optimized, because it already places the API behind CloudFront edge "
                    "locations for users around the world.",
                    False,
                    "The CloudFront distribution of an edge-optimized API is managed by API "
                    "Gateway: the company cannot set its behaviours or functions on it.",
                ),
                Option(
                    "Private, reached through interface VPC endpoints, with CloudFront using "
                    "the endpoints as its origin.",
                    False,
                    "Private APIs are reachable only from VPCs through interface endpoints; "
                    "CloudFront on the internet cannot use them as an origin this way.",
                ),
                Option(
                    "Edge-optimized in each of several Regions, with Route 53 latency records "
                    "choosing the closest copy of the API.",
                    False,
                    "Several copies add deployments to keep in step, and still give no control "
                    "over each API's managed distribution.",
                ),
                Option(
                    "Regional, with the company's own CloudFront distribution in front of it "
                    "as an origin alongside the website.",
                    True,
                    "A Regional endpoint behind your own distribution gives edge delivery "
                    "and full control of behaviours, functions and domains.",
                ),
            ),
        ),
        Question(
            id="apigw-direct-sqs",
            prompt=(
                "A telemetry API receives small JSON events from devices and only needs to "
                "queue them for later processing in batches. Today API Gateway invokes a "
                "Lambda function whose only job is to call SQS SendMessage; the function has no "
                "other logic and adds its own duration to every call. Event volume is "
                "growing fast and the team wants the MOST cost-effective design with the "
                "LOWEST latency that still validates the event's shape and throttles "
                "misbehaving devices. Which change meets these requirements?"
            ),
            options=(
                Option(
                    "Integrate the REST API directly with SQS SendMessage (an AWS service "
                    "integration) with a mapping template, keeping request validation.",
                    True,
                    "A direct AWS service integration removes the Lambda invocation and its "
                    "cost and latency; validation and throttling stay in API Gateway.",
                ),
                Option(
                    "Keep the Lambda function but give it provisioned concurrency, so that "
                    "no event waits for a cold start before it is queued.",
                    False,
                    "Provisioned concurrency lowers latency but adds an hourly charge to a "
                    "function that should not exist at all.",
                ),
                Option(
                    "Replace SQS with an Amazon Kinesis data stream written by the same Lambda "
                    "function, which batches records more efficiently.",
                    False,
                    "The Lambda hop, its cost and its latency remain, and a stream adds shard "
                    "capacity to manage for a queueing job.",
                ),
                Option(
                    "Have devices call SQS directly with long-term IAM user credentials built "
                    "into the firmware, so API Gateway is no longer needed.",
                    False,
                    "Embedded long-term keys are a security risk, and the design loses request "
                    "validation and per-client throttling.",
                ),
            ),
        ),
        Question(
            id="apigw-authorizer-cache",
            prompt=(
                "A REST API uses a TOKEN Lambda authorizer that calls an external identity "
                "service. Each user makes dozens of calls a minute with the same token, and "
                "the identity service now bills per lookup. Which change is the MOST "
                "cost-effective?"
            ),
            options=(
                Option(
                    "Set the authorizer's result TTL to 0 so that each decision is fresh, and "
                    "raise the function's memory so the lookups run faster.",
                    False,
                    "A TTL of 0 turns the authorizer cache off: every request calls the "
                    "function and the identity service, the most expensive choice.",
                ),
                Option(
                    "Replace the authorizer with API keys in a usage plan, so API Gateway "
                    "checks the callers without calling a function.",
                    False,
                    "API keys are not an authorization mechanism; the identity check would "
                    "simply disappear.",
                ),
                Option(
                    "Keep the token as the identity source and cache the authorizer's result "
                    f"(the default is {_AUTH_TTL} s), returning a policy that covers the "
                    "user's methods.",
                    True,
                    "With the result cached per token, the function and the identity service "
                    "run about once per token per TTL instead of on every call.",
                ),
                Option(
                    "Call the identity service from every backend function instead, so the "
                    "authorizer is no longer invoked on each request.",
                    False,
                    "Each backend call would still look the token up, at least as often, and "
                    "unauthorized calls would now reach the backend.",
                ),
            ),
        ),
        Question(
            id="apigw-token-bucket",
            prompt=(
                "A method is throttled at a rate of 100 requests per second with a burst of "
                "200, and its bucket is full. In one second 500 requests arrive. How many "
                "receive 429 in that second?"
            ),
            options=(
                Option(
                    "0: throttling limits are targets and API Gateway serves a whole second "
                    "of traffic before it starts to throttle.",
                    False,
                    "Throttles are best-effort targets, but a full bucket plus one second of "
                    "refill is still far below 500 requests.",
                ),
                Option(
                    f"{_SPIKE_THROTTLED}: the full bucket and one second of refill serve the "
                    "others; the rest find no token.",
                    True,
                    "The bucket holds 200 tokens and gains 100 during the second, so about "
                    "300 requests are served and the remaining ones are throttled.",
                ),
                Option(
                    "300: only the steady rate of 100 is served; the burst setting applies to "
                    "concurrent connections, not requests.",
                    False,
                    "The burst is the bucket's size in requests: it is what lets a spike above "
                    "the rate through, so it adds to what is served.",
                ),
                Option(
                    "400: the rate is enforced per second and the burst allowance is only "
                    "refilled after a quiet second.",
                    False,
                    "Tokens are added continuously at the rate and the bucket starts full, "
                    "so more than the bare rate is served.",
                ),
            ),
        ),
    ]
)
