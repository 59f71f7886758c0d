"""Scenario questions for the load balancer topic (course notebook 06).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, two
choose-two questions, and one distractor that relies on a retired practice (pre-warming).
Numbers come from the topic's facts.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_INTERVAL = facts.integer("load_balancers.health_interval_default_s")
_UNHEALTHY = facts.integer("load_balancers.unhealthy_threshold_default")
_INTERVAL_MIN = facts.integer("load_balancers.health_interval_min_s")
_THRESHOLD_MIN = facts.integer("load_balancers.threshold_min")
_LAMBDA_MB = facts.integer("load_balancers.alb_lambda_request_max_mb")
_MBPS = facts.number("load_balancers.lcu_reservation_nlb_mbps")
_DEREG = facts.integer("load_balancers.deregistration_delay_default_s")
_DEREG_MAX = facts.integer("load_balancers.deregistration_delay_max_s")
_TG_PER_ACTION = facts.integer("load_balancers.target_groups_per_action")
_GENEVE = facts.text("load_balancers.gwlb_geneve_port")

QUESTIONS: tuple[Question, ...] = validate_bank(
    [
        Question(
            id="lb-cross-zone-uneven",
            prompt=(
                "A trading platform receives TCP order flow through a Network Load Balancer "
                "with default settings in two Availability Zones. An Auto Scaling group keeps "
                "2 instances in AZ a and 8 in AZ b because of a capacity shortage for the "
                "instance type in AZ a. Clients resolve the NLB's DNS name and spread evenly "
                "over both nodes. The two instances in AZ a run at high CPU and time out, "
                "while the eight in AZ b are mostly idle. The company wants every instance to "
                "get the same load without re-architecting, and accepts some additional "
                "data-transfer cost. Which change is the MOST operationally efficient?"
            ),
            options=(
                Option(
                    "Switch the target group's routing algorithm to least outstanding "
                    "requests so the busy instances receive fewer new requests.",
                    False,
                    "Least outstanding requests is an ALB target group setting; an NLB routes "
                    "flows by hash and has no such algorithm.",
                ),
                Option(
                    "Turn on cross-zone load balancing for the NLB (or its target group).",
                    True,
                    "With cross-zone off each node keeps its AZ's half of the traffic, so the "
                    "2 targets in AZ a get 25% each and the 8 in AZ b 6.25% each. Cross-zone "
                    "on spreads over all 10 (10% each); for an NLB the inter-AZ data is "
                    "charged, which the company accepts.",
                ),
                Option(
                    "Add a weighted Route 53 record per node IP with weights 2 and 8 to "
                    "send fewer clients to AZ a, and update the weights on every scale event.",
                    False,
                    "It could balance the load but needs custom automation on every scaling "
                    "event and fights the NLB's own DNS: far from operationally efficient.",
                ),
                Option(
                    "Replace the NLB with an Application Load Balancer so cross-zone load "
                    "balancing is always on.",
                    False,
                    "An ALB terminates TCP and speaks HTTP only: the order flow is raw TCP. "
                    "It is a re-architecture, and the NLB's own cross-zone setting suffices.",
                ),
            ),
        ),
        Question(
            id="lb-static-ip-path-routing",
            prompt=(
                "A payments company exposes a REST API to banks. Each bank's firewall only "
                "allows outbound traffic to a short list of fixed IP addresses that must "
                "never change. The API needs path-based routing to four microservices on "
                "Amazon ECS, TLS termination with an ACM certificate, and AWS WAF rules. The "
                "team is small, wants managed components only, and expects traffic to grow "
                "tenfold over the next year without asking the banks to change their firewall "
                "rules again. Which design meets these requirements with the LEAST "
                "operational overhead?"
            ),
            options=(
                Option(
                    "An Application Load Balancer with Elastic IP addresses assigned to its "
                    "nodes in each Availability Zone.",
                    False,
                    "ALB nodes cannot take Elastic IPs; their IPs change as the ALB scales.",
                ),
                Option(
                    "A Network Load Balancer with Elastic IPs and TLS listeners forwarding "
                    "to the ECS tasks, with WAF on the NLB.",
                    False,
                    "An NLB does not route on paths, and AWS WAF cannot be associated with an NLB.",
                ),
                Option(
                    "A Network Load Balancer with one Elastic IP per AZ whose target is an "
                    "Application Load Balancer doing the TLS, WAF and path routing.",
                    True,
                    "NLBs accept an ALB as a target: the NLB gives one static IP per AZ (Elastic "
                    "IPs allowed) for the allow-lists, and the ALB behind it keeps layer-7 "
                    "routing, ACM certificates and WAF. Both are managed.",
                ),
                Option(
                    "EC2 instances running HAProxy with Elastic IPs, in an Auto Scaling group "
                    "across two AZs, forwarding to the ECS services by path.",
                    False,
                    "It works but the team must patch, scale and fail over the proxies and "
                    "move Elastic IPs themselves: the most overhead, not the least.",
                ),
            ),
        ),
        Question(
            id="lb-mtls",
            prompt=(
                "An IoT company authenticates 50,000 devices with X.509 client certificates "
                "issued by its own private CA. The devices call an HTTPS API served by "
                "containers on Amazon ECS, and the company wants to route by path to three "
                "services, revoke certificates centrally, and keep certificate handling out "
                "of application code. A consultant who learned on older material says that "
                "TCP passthrough on a Classic Load Balancer is the only way to do two-way "
                "TLS on AWS. Which approach is the MOST operationally efficient?"
            ),
            options=(
                Option(
                    "An Application Load Balancer with mutual TLS in verify mode, a trust "
                    "store holding the CA bundle and a revocation list, and path rules.",
                    True,
                    "ALB supports mutual TLS since November 2023: in verify mode it checks "
                    "client certificates against a trust store (with revocation lists) and "
                    "keeps path routing; the containers never see the TLS handshake.",
                ),
                Option(
                    "A Classic Load Balancer with a TCP listener passing TLS through to the "
                    "containers, which verify the client certificates themselves.",
                    False,
                    "It works, but CLB is the previous generation, cannot route by path, and "
                    "puts certificate checks and revocation into the application code.",
                ),
                Option(
                    "A Network Load Balancer with a TLS listener that verifies the client "
                    "certificates and routes by path to three target groups.",
                    False,
                    "An NLB TLS listener does not verify client certificates, and an NLB "
                    "cannot route by path.",
                ),
                Option(
                    "An Application Load Balancer with Amazon Cognito authentication on "
                    "each rule, with one Cognito user per device certificate.",
                    False,
                    "Cognito authentication is an interactive OIDC login for users, not a "
                    "client-certificate check for devices.",
                ),
            ),
        ),
        Question(
            id="lb-udp-game",
            prompt=(
                "A game studio runs its real-time match servers on EC2. Players send UDP "
                "packets, and the servers need the players' real source IPs. Which load "
                "balancer should a solutions architect choose?"
            ),
            options=(
                Option(
                    "An Application Load Balancer with a WebSocket listener",
                    False,
                    "ALB listeners are HTTP and HTTPS only; WebSocket runs over TCP, not UDP.",
                ),
                Option(
                    "A Gateway Load Balancer with the servers as appliances",
                    False,
                    "GWLB sends traffic through inspection appliances with GENEVE; it is not "
                    "a front end for game servers.",
                ),
                Option(
                    "A Classic Load Balancer with a TCP listener and Proxy Protocol",
                    False,
                    "CLB has no UDP listeners, and it is the previous generation.",
                ),
                Option(
                    "A Network Load Balancer with a UDP listener",
                    True,
                    "NLB listeners include UDP and TCP_UDP, and with instance targets the "
                    "client IP is preserved at the network layer.",
                ),
            ),
        ),
        Question(
            id="lb-gwlb",
            prompt=(
                "A bank must inspect all traffic entering its production VPCs from the "
                "internet with a third-party next-generation firewall sold as EC2 appliances. "
                "The appliances must see the original packets unchanged, scale out "
                "horizontally, and be health checked so that a failed appliance stops "
                "receiving flows. Several application VPCs in different accounts must share "
                "one fleet of appliances in a security VPC, and no application team should "
                "manage routing devices or failover scripts. Traffic doubles every year. "
                "Which design is the MOST scalable?"
            ),
            options=(
                Option(
                    "A Network Load Balancer in the security VPC with the appliances as "
                    "targets, reached through VPC peering from every application VPC.",
                    False,
                    "An NLB forwards to a target as a destination, not transparently as a "
                    "bump in the wire, and peering does not steer all traffic through it.",
                ),
                Option(
                    f"A Gateway Load Balancer in the security VPC with the appliances as "
                    f"targets (GENEVE, port {_GENEVE}), and Gateway Load Balancer endpoints "
                    "in each application VPC as the route tables' next hop.",
                    True,
                    "GWLB is made for this: it passes whole IP packets to the appliances with "
                    "GENEVE, health checks them, keeps flows sticky, and its endpoints "
                    "(PrivateLink) let other VPCs and accounts route through one fleet.",
                ),
                Option(
                    "Two appliances in each application VPC in an active/standby pair, with "
                    "a script that moves an Elastic IP when the active one fails.",
                    False,
                    "It neither scales horizontally nor shares a fleet, and every team would "
                    "run routing devices and failover scripts.",
                ),
                Option(
                    "An Application Load Balancer with AWS WAF in each application VPC "
                    "instead of the firewall appliances, with the WAF rules shared across "
                    "accounts by AWS Firewall Manager so that every VPC gets the same policy.",
                    False,
                    "WAF inspects HTTP only and is not the required third-party firewall; "
                    "non-HTTP traffic would go uninspected.",
                ),
            ),
        ),
        Question(
            id="lb-nlb-security-groups",
            prompt=(
                "A team created a Network Load Balancer last year without security groups. "
                "Auditors now require a security group that limits which clients can reach "
                "it. What must the team do?"
            ),
            options=(
                Option(
                    "Create a new NLB with a security group associated at creation and move "
                    "the traffic to it, because an NLB created without one can never get one.",
                    True,
                    "NLBs support security groups, but only when at least one is associated "
                    "at creation; an existing NLB without one cannot add one.",
                ),
                Option(
                    "Attach a security group to the existing NLB with the SetSecurityGroups API.",
                    False,
                    "SetSecurityGroups works only for NLBs that were created with security groups.",
                ),
                Option(
                    "Nothing can be done on the load balancer: NLBs never have security "
                    "groups, so filter client addresses in the targets' own security groups "
                    "instead.",
                    False,
                    "That was true before August 2023; NLBs now support security groups "
                    "when they are created with them.",
                ),
                Option(
                    "Put a network ACL on the NLB's elastic network interfaces only.",
                    False,
                    "NACLs apply to subnets, not to one load balancer's interfaces; and they "
                    "do not meet a requirement for a security group.",
                ),
            ),
        ),
        Question(
            id="lb-lcu-reservation",
            prompt=(
                "A ticketing company sells concert tickets through an internet-facing "
                "Network Load Balancer with TCP listeners. Sales for a famous band open "
                "next Friday at 10:00, and load tests show traffic jumping from almost "
                "nothing to about 4.4 Gbps within seconds. In a previous sale, connections "
                "failed during the first minutes while the load balancer scaled. The company "
                "wants to be ready for the spike and pay for the extra capacity only around "
                "the event. What should a solutions architect do that is the MOST "
                "cost-effective and requires the LEAST operational overhead?"
            ),
            options=(
                Option(
                    "Open a support case a week before to ask AWS to pre-warm the load "
                    "balancer, and describe the expected traffic.",
                    False,
                    "Pre-warming requests were the old workaround; LCU reservation is now the "
                    "self-service way to set a minimum capacity.",
                    obsolete=True,
                ),
                Option(
                    "Replace the NLB with two NLBs behind weighted Route 53 records so each "
                    "one scales for half of the traffic.",
                    False,
                    "Each NLB still starts small and must scale; it doubles the resources "
                    "without setting any minimum capacity.",
                ),
                Option(
                    f"Request an LCU reservation of about {4400 / _MBPS:,.0f} LCUs "
                    f"(1 LCU = {_MBPS} Mbps) before the sale and reduce it after the event.",
                    True,
                    "LCU reservation sets a minimum capacity for planned peaks; for an NLB it "
                    "reserves throughput at 1 LCU per 2.2 Mbps (not with TLS listeners). "
                    "Reductions are limited to two a day, so plan the decrease.",
                ),
                Option(
                    "Keep a load generator sending synthetic traffic at the expected peak "
                    "all week so the load balancer stays scaled up.",
                    False,
                    "It pays for a week of peak traffic and capacity, and AWS gives no "
                    "guarantee the load balancer keeps that capacity.",
                ),
            ),
        ),
        Question(
            id="lb-alb-cross-zone-off",
            prompt=(
                "A team turns off cross-zone load balancing on one target group of an "
                "Application Load Balancer to keep traffic in its Availability Zone. Which "
                "two consequences should they expect? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Target stickiness is not supported on that target group.",
                    True,
                    "AWS lists stickiness among the features not supported when cross-zone "
                    "is off for an ALB target group.",
                ),
                Option(
                    "The ALB starts charging inter-AZ data transfer for that target group.",
                    False,
                    "Turning cross-zone off removes cross-AZ traffic; ALB never charges "
                    "inter-AZ data for cross-zone anyway.",
                ),
                Option(
                    "Cross-zone load balancing is then turned off for every other target "
                    "group of the same load balancer as well, because the setting is global.",
                    False,
                    "For an ALB cross-zone stays on at the load balancer; the setting is per "
                    "target group.",
                ),
                Option(
                    "Lambda functions cannot be targets of that target group, and each AZ "
                    "needs enough healthy targets for its own clients.",
                    True,
                    "Lambda targets are not supported with cross-zone off, and each node now "
                    "sends only to its own AZ's targets.",
                ),
            ),
        ),
        Question(
            id="lb-health-check-speed",
            prompt=(
                "A retail API runs behind an Application Load Balancer on instances in an "
                "Auto Scaling group. When an instance's application hangs, customers see "
                "errors for well over a minute: the target group uses the default health "
                f"check interval ({_INTERVAL} s) and unhealthy threshold ({_UNHEALTHY} "
                "failures) with a 5 s timeout. The operations team wants the ALB to stop "
                "sending requests to a "
                "hung instance as fast as possible, and the Auto Scaling group to replace "
                "it, without writing custom code and with a lightweight health check "
                "endpoint that costs the instances almost nothing. Which solution meets "
                "these requirements with the LEAST development effort?"
            ),
            options=(
                Option(
                    "Use EC2 status checks as the Auto Scaling group's health check type and "
                    "keep the target group's settings.",
                    False,
                    "EC2 status checks do not see a hung application on a running instance, "
                    "and the target group would still take over a minute to react.",
                ),
                Option(
                    "Write a Lambda function that probes each instance every 10 seconds and "
                    "deregisters any that fails.",
                    False,
                    "It duplicates what target group health checks already do, and is custom "
                    "code to build and run.",
                ),
                Option(
                    "Raise the unhealthy threshold to 10 so that one slow check does not "
                    "remove a healthy instance.",
                    False,
                    "A higher threshold makes detection slower, the opposite of the goal.",
                ),
                Option(
                    f"Set the interval to {_INTERVAL_MIN} s and the unhealthy threshold to "
                    f"{_THRESHOLD_MIN} on a cheap health endpoint, and switch the Auto "
                    "Scaling group to ELB health checks.",
                    True,
                    f"Detection takes about threshold × interval plus the timeout: from about "
                    f"{_UNHEALTHY * _INTERVAL + 5} s to about {_THRESHOLD_MIN * _INTERVAL_MIN + 2}"
                    " s with a 2 s timeout; ELB health checks let the group replace what the "
                    "ALB finds unhealthy.",
                ),
            ),
        ),
        Question(
            id="lb-deregistration-delay",
            prompt=(
                "Users upload large files to an application behind an Application Load "
                "Balancer; an upload can take up to 15 minutes. When the Auto Scaling group "
                "scales in, some uploads fail. What should the team change?"
            ),
            options=(
                Option(
                    "Turn on slow start on the target group.",
                    False,
                    "Slow start ramps up traffic to new targets; it does nothing for targets "
                    "that are leaving.",
                ),
                Option(
                    f"Raise the target group's deregistration delay from {_DEREG} s to "
                    "about 900 s (and let the ASG lifecycle wait for it).",
                    True,
                    f"The deregistration delay (connection draining) lets in-flight requests "
                    f"finish for up to that long, at most {_DEREG_MAX:,} s; the default "
                    f"{_DEREG} s cuts 15-minute uploads.",
                ),
                Option(
                    "Turn on duration-based stickiness with a one-day cookie so that every "
                    "upload stays on the same instance until it completes, even during a "
                    "scale-in.",
                    False,
                    "Stickiness keeps a client on a target while it is registered; a "
                    "deregistered target is still removed.",
                ),
                Option(
                    "Raise the health check interval so instances are removed later.",
                    False,
                    "Scale-in is not a health check failure; the interval has no effect on "
                    "deregistration.",
                ),
            ),
        ),
        Question(
            id="lb-alb-lambda-limits",
            prompt=(
                "A startup serves a small image-resizing API from AWS Lambda behind an "
                "Application Load Balancer that also routes other paths to containers. "
                "Customers now want to upload originals of up to 8 MB directly to the API "
                "and receive a resized image. Today the upload fails for every file above "
                "about one megabyte. The team wants the solution with the FEWEST "
                "changes that keeps the API serverless and works for every upload size, "
                "and it must not add servers to manage. Which change should a solutions "
                "architect recommend?"
            ),
            options=(
                Option(
                    "Increase the Lambda function's memory so it can accept larger request "
                    "bodies from the ALB.",
                    False,
                    f"The limit is the ALB-to-Lambda integration's ({_LAMBDA_MB} MB request "
                    "body), not the function's memory.",
                ),
                Option(
                    "Turn on multi-value headers on the target group so bodies are split "
                    "into several events.",
                    False,
                    "Multi-value headers change how repeated headers and query parameters are "
                    "passed; bodies are never split.",
                ),
                Option(
                    "Have the API return an Amazon S3 presigned URL; the client uploads the "
                    "original to S3 and an S3 event triggers the resize.",
                    True,
                    f"An ALB passes Lambda at most {_LAMBDA_MB} MB of request body and "
                    f"{_LAMBDA_MB} MB of response. Uploading to S3 directly removes the limit, "
                    "stays serverless and changes only the upload step.",
                ),
                Option(
                    "Switch the target group to HTTP/2 so that larger bodies are streamed to "
                    "the function.",
                    False,
                    "The protocol version does not lift the Lambda target's size limits.",
                ),
            ),
        ),
        Question(
            id="lb-weighted-blue-green",
            prompt=(
                "A SaaS company deploys a new version of its web application on a second "
                "Auto Scaling group. It wants to send 10% of users to the new version, keep "
                "each user on the same version for their session, roll back within seconds "
                "without DNS caching delays, and keep a single Application Load Balancer and "
                "a single hostname. The deployment must not need any client changes, and the "
                "team wants to raise the share step by step to 50% and then 100% over two "
                "days. Which solution has the LEAST operational overhead?"
            ),
            options=(
                Option(
                    "One listener rule forwarding to both target groups with weights 90 and "
                    "10 and target group stickiness turned on.",
                    True,
                    f"A forward action takes up to {_TG_PER_ACTION} weighted target groups; "
                    "target group stickiness keeps each user on the group first chosen, and "
                    "changing the weights takes effect at once, with no DNS in the way.",
                ),
                Option(
                    "Two ALBs behind a Route 53 weighted record set 90/10, rolled back by "
                    "changing the record weights.",
                    False,
                    "It breaks the single-ALB requirement, and DNS caching (TTLs, resolvers) "
                    "delays both the shift and the rollback.",
                ),
                Option(
                    "Path-based rules sending /v2/* to the new version and asking users to "
                    "bookmark the new path.",
                    False,
                    "It needs client changes and does not split users by percentage.",
                ),
                Option(
                    "Register the new instances in the existing target group and rely on "
                    "round robin to send them about 10% of requests.",
                    False,
                    "Round robin spreads requests, not users: a user bounces between versions "
                    "and the share depends on instance counts.",
                ),
            ),
        ),
        Question(
            id="lb-asg-elb-health",
            prompt=(
                "Instances behind an Application Load Balancer sometimes keep running while "
                "their web server has crashed. The ALB marks them unhealthy, but the Auto "
                "Scaling group never replaces them. Which two actions should the team take to "
                "fix this safely? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Turn on cross-zone load balancing for the target group.",
                    False,
                    "Cross-zone changes where requests go, not whether the group replaces an "
                    "instance.",
                ),
                Option(
                    "Turn on Elastic Load Balancing health checks for the Auto Scaling group.",
                    True,
                    "With only EC2 checks the group replaces an instance only when it stops "
                    "running; ELB checks make it act on the target group's verdict.",
                ),
                Option(
                    "Set a health check grace period long enough for new instances to start "
                    "their web server before the checks count.",
                    True,
                    "With ELB checks on, the grace period keeps the group from replacing new "
                    "instances that are still booting.",
                ),
                Option(
                    "Lower the Application Load Balancer's idle timeout so that connections "
                    "to a crashed web server are closed and reopened on a healthy instance "
                    "sooner.",
                    False,
                    "The idle timeout closes idle connections; it does not feed Auto Scaling "
                    "health.",
                ),
            ),
        ),
        Question(
            id="lb-rule-priority",
            prompt=(
                "An ALB listener has these rules: priority 5 path /api/*; priority 10 host "
                "api.example.com; priority 20 path /api/admin/*; default forwards to web. "
                "Where does a request for api.example.com/api/admin/users go?"
            ),
            options=(
                Option(
                    "The priority 20 rule, because its path pattern is the most specific.",
                    False,
                    "ALB does not pick the most specific rule: it takes the first match in "
                    "priority order.",
                ),
                Option(
                    "The priority 10 rule, because host conditions are checked before paths.",
                    False,
                    "Condition types have no precedence; only rule priorities order the "
                    "evaluation.",
                ),
                Option(
                    "The default action, because two of the rules match the request and the "
                    "ALB cannot choose between two matching rules with different conditions.",
                    False,
                    "Several rules may match; the lowest priority value among them wins.",
                ),
                Option(
                    "The priority 5 rule: rules are evaluated from the lowest priority value "
                    "and /api/* matches first.",
                    True,
                    "The first rule whose conditions all match wins; /api/* (wildcard) "
                    "matches /api/admin/users.",
                ),
            ),
        ),
        Question(
            id="lb-least-outstanding",
            prompt=(
                "A reporting service behind an Application Load Balancer mixes requests "
                "that take 20 ms with exports that take up to 30 seconds. With the default "
                "round robin routing, some instances build long queues while others are "
                "idle, and p99 latency is poor even though average CPU is low. The service "
                "is stateless, the team does not want to split the API or change clients, "
                "and it wants a configuration-only fix. Which change is the MOST "
                "operationally efficient way to even out the queues?"
            ),
            options=(
                Option(
                    "Enable slow start of 900 seconds on the target group.",
                    False,
                    "Slow start only ramps up newly registered targets; it does not react "
                    "to queues on existing ones.",
                ),
                Option(
                    "Enable duration-based stickiness so each client stays on one instance.",
                    False,
                    "Stickiness pins clients to targets whatever their queue: it makes the "
                    "imbalance worse.",
                ),
                Option(
                    "Switch the target group's routing algorithm to least outstanding requests.",
                    True,
                    "The ALB then sends each new request to the target with the fewest "
                    "requests in progress, so slow exports stop piling work onto the same "
                    "instances; it is one target group attribute.",
                ),
                Option(
                    "Double the instance size so that long exports finish sooner on every "
                    "instance.",
                    False,
                    "It costs more and leaves round robin blind to queues; CPU is not the "
                    "bottleneck.",
                ),
            ),
        ),
        Question(
            id="lb-session-state",
            prompt=(
                "A shopping site keeps carts in server memory and relies on ALB duration-based "
                "stickiness. During scale-in and deployments users lose their carts. What is "
                "the most resilient fix?"
            ),
            options=(
                Option(
                    "Make the stickiness cookie last 7 days.",
                    False,
                    "A longer cookie still points to an instance that was removed; the cart "
                    "dies with it.",
                ),
                Option(
                    "Store session data in Amazon ElastiCache or DynamoDB and make the web "
                    "tier stateless.",
                    True,
                    "Externalised sessions survive any instance leaving, and stickiness "
                    "becomes optional.",
                ),
                Option(
                    "Switch from duration-based to application-based cookie stickiness so "
                    "that the application itself controls which instance each user goes "
                    "back to.",
                    False,
                    "Another cookie kind, same problem: the state still lives on one instance.",
                ),
                Option(
                    "Turn off cross-zone load balancing so users stay in one AZ.",
                    False,
                    "Users stay in an AZ, not on an instance, and stickiness is not supported "
                    "with cross-zone off on an ALB target group.",
                ),
            ),
        ),
    ]
)
