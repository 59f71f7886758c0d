"""Scenario questions for the Route 53 topic (course notebook 08).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, a few
choose-two questions, every number read from the topic's facts (or computed by its models).
The course shows each learner the options in their own shuffled order.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank
from aws_compute_course.topics.route53.failover import worst_case_failover_s

_STANDARD = facts.integer("route53.health_check_interval_seconds")
_FAST = facts.integer("route53.fast_interval_seconds")
_THRESHOLD = facts.integer("route53.failure_threshold_default")
_ELB_TTL = facts.integer("route53.elb_alias_ttl_seconds")
_MULTI = facts.integer("route53.multivalue_max_records")
_SHARE = facts.integer("route53.healthy_checker_percent")
_BYTES = facts.integer("route53.string_match_bytes")
_BIAS = facts.integer("route53.geoproximity_bias_max")
_WEIGHT_MAX = facts.integer("route53.weight_max")
_HC_TTL = facts.integer("route53.ttl_with_health_check_seconds")
_DNSSEC_KEY = facts.text("route53.dnssec_key")


def _worst(interval: int, threshold: int, ttl: int) -> int:
    return round(worst_case_failover_s(interval, threshold, ttl))


QUESTIONS: tuple[Question, ...] = (
    Question(
        id="route53-apex-alias",
        prompt=(
            "A retailer is moving its website from a data centre to an Application Load "
            "Balancer in us-east-1. Customers type the bare domain example.com as often as "
            "www.example.com, and both must reach the new site. The domain's hosted zone is "
            "already in Route 53. The load balancer's IP addresses change over time, the "
            "operations team is two people, and the company wants to avoid running any "
            "servers just for redirects. The marketing team also wants the bare domain to "
            "keep working during the migration weekend without manual steps. Which solution "
            "meets these requirements with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Create a CNAME record for example.com that points to the load balancer's DNS "
                "name, and another CNAME for www.",
                False,
                "A CNAME cannot exist at the zone apex (example.com itself), so Route 53 "
                "refuses the first record; only www could be a CNAME.",
            ),
            Option(
                "Create alias A records for example.com and www.example.com that target the "
                "load balancer.",
                True,
                "An alias record is allowed at the apex, follows the load balancer's changing "
                "addresses automatically and needs no servers: the least overhead.",
            ),
            Option(
                "Create A records for example.com with the load balancer's current IP "
                "addresses and a Lambda function that updates them every five minutes.",
                False,
                "It works only until the addresses change between runs, and it adds code to "
                "run and monitor: more overhead and a window of wrong answers.",
            ),
            Option(
                "Point example.com at an Elastic IP address on a small EC2 instance that "
                "redirects every request to www.example.com, which is a CNAME to the load "
                "balancer.",
                False,
                "It works, but it is a server to patch and scale, a single point of failure, "
                "and exactly the redirect server the company wants to avoid.",
            ),
        ),
    ),
    Question(
        id="route53-failover-time",
        prompt=(
            "A company runs an active-passive web application in two Regions with Route 53 "
            "failover records. A new requirement says that after the primary fails, no client "
            "may keep being sent to it for more than 90 seconds. The records are ordinary A "
            "records whose TTL the team can set freely; health checks use HTTPS. Which two "
            "configurations meet the requirement in the worst case? Choose two."
        ),
        options=(
            Option(
                f"Fast health checks ({_FAST}-second interval), failure threshold 2, record "
                "TTL 30 seconds.",
                True,
                f"Worst case: up to a full interval before the first check, two failed checks "
                f"(the last known after the 4-second connect timeout), then a 30-second TTL: "
                f"about {_worst(_FAST, 2, 30)} s, under 90.",
            ),
            Option(
                f"Standard health checks ({_STANDARD}-second interval), failure threshold "
                f"{_THRESHOLD}, record TTL 60 seconds.",
                False,
                f"Three failed checks 30 seconds apart plus the wait and the TTL give a worst "
                f"case of about {_worst(_STANDARD, _THRESHOLD, 60)} s, well over 90.",
            ),
            Option(
                f"Fast health checks ({_FAST}-second interval), failure threshold 1, record "
                "TTL 120 seconds.",
                False,
                f"Detection is quick, but resolvers may keep the old answer for the whole "
                f"120-second TTL: about {_worst(_FAST, 1, 120)} s in the worst case.",
            ),
            Option(
                f"Standard health checks ({_STANDARD}-second interval), failure threshold 1, "
                "record TTL 30 seconds.",
                True,
                f"One failed check after at most a full interval and the connect timeout, then "
                f"a 30-second TTL: about {_worst(_STANDARD, 1, 30)} s, under 90.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="route53-private-health",
        prompt=(
            "An internal order service runs on EC2 instances in private subnets behind an "
            "internal Network Load Balancer in eu-west-1, with a warm standby in eu-central-1. "
            "A private hosted zone holds failover records for orders.internal.example. The "
            "security team forbids any public endpoint for the service, and the team already "
            "publishes a custom CloudWatch metric with the service's error rate. The failover "
            "must happen automatically when the error rate stays above 5% for three minutes. "
            "Which solution is the MOST operationally efficient way to give the primary "
            "record a health check?"
        ),
        options=(
            Option(
                "Create an HTTPS health check against the internal load balancer's private "
                "IP addresses and attach it to the primary record.",
                False,
                "Route 53 health checkers sit outside your VPCs and cannot reach private IP "
                "addresses, so this check would always fail.",
            ),
            Option(
                "Give the load balancer a public listener restricted by security group to "
                "the Route 53 health checker ranges, and check that.",
                False,
                "It creates the public endpoint the security team forbids, and keeping the "
                "checker ranges current is extra work.",
            ),
            Option(
                "Create a CloudWatch alarm on the error-rate metric and a health check that "
                "watches the alarm; attach it to the primary record.",
                True,
                "A CloudWatch-alarm health check needs no network path to the resource, uses "
                "the metric the team already has and fails over on the stated condition.",
            ),
            Option(
                "Run a Lambda function every minute that tests the service from inside the VPC "
                "and swaps the record values with the Route 53 API when it fails.",
                False,
                "It rebuilds health checking and failover by hand: code to maintain, its own "
                "failure modes, and no fail-open behaviour.",
            ),
        ),
    ),
    Question(
        id="route53-inbound-endpoint",
        prompt=(
            "A bank connects its data centre to a shared-services VPC over AWS Direct "
            "Connect. Applications in AWS use a private hosted zone, aws.bank.internal, "
            "associated with that VPC. Servers in the data centre must now resolve names in "
            "aws.bank.internal. The data centre runs its own DNS servers, which the network "
            "team will configure, and the bank does not want to run DNS servers on EC2. The "
            "solution must stay available if one Availability Zone fails. Which solution "
            "meets these requirements with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Create a Route 53 Resolver inbound endpoint with IP addresses in two "
                "Availability Zones, and conditionally forward aws.bank.internal from the data "
                "centre's DNS servers to those addresses.",
                True,
                "An inbound endpoint is how resolvers on your network query Route 53 Resolver "
                "and therefore the private zone; two AZs keep it available.",
            ),
            Option(
                "Create a Route 53 Resolver outbound endpoint in the shared-services VPC, with "
                "IP addresses in two Availability Zones, and a forwarding rule for "
                "aws.bank.internal that targets the data centre's DNS servers.",
                False,
                "Outbound endpoints carry queries from the VPC to your network: the opposite "
                "direction of what the data centre needs.",
            ),
            Option(
                "Conditionally forward aws.bank.internal from the data centre's DNS servers to "
                "the VPC's base address plus two over Direct Connect.",
                False,
                "AWS does not support forwarding queries from outside the VPC to the VPC+2 "
                "Resolver address; use an inbound endpoint instead.",
            ),
            Option(
                "Run BIND forwarders on EC2 instances in an Auto Scaling group in two "
                "Availability Zones and forward the data centre's queries to them.",
                False,
                "It works, but it is exactly the self-managed DNS fleet the bank wants to "
                "avoid; the managed inbound endpoint does the same job.",
            ),
        ),
    ),
    Question(
        id="route53-outbound-shared-rules",
        prompt=(
            "A company has 40 application accounts in AWS Organizations, each with its own "
            "VPCs connected through a transit gateway to a network account and on to the data "
            "centre. Workloads in every VPC must resolve names in corp.example, which only "
            "the data centre's DNS servers hold. The network team wants one place to manage "
            "hybrid DNS, and new accounts are created every month by an account vending "
            "process that should not need DNS servers of its own. Which two steps meet these "
            "requirements with the LEAST operational overhead? Choose two."
        ),
        options=(
            Option(
                "Create a private hosted zone named corp.example in every application account, "
                "associate it with that account's VPCs, and copy the data centre's records into "
                "each zone with a nightly job.",
                False,
                "Forty copies of a zone that drift between nightly syncs: much more work, and "
                "the data centre stays the real source of truth anyway.",
            ),
            Option(
                "Create a Route 53 Resolver outbound endpoint in the network account's VPC and "
                "a forwarding rule for corp.example to the data centre's DNS servers.",
                True,
                "The outbound endpoint and rule send matching queries from VPCs to the data "
                "centre, managed once in the network account.",
            ),
            Option(
                "Share the forwarding rule with the application accounts and associate it "
                "with their VPCs.",
                True,
                "Resolver rules can be shared across accounts; each VPC associated with the "
                "rule then forwards corp.example through the central endpoint.",
            ),
            Option(
                "Create a Resolver inbound endpoint in every application VPC and point the "
                "instances' resolv.conf at the data centre's DNS servers.",
                False,
                "Inbound endpoints serve queries coming from your network into AWS, and "
                "per-instance DNS settings bypass the VPC Resolver: wrong direction, more work.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="route53-geolocation-default",
        prompt=(
            "A streaming service may show its catalogue only in countries where it holds "
            "licences. It uses geolocation records for the United States, Canada and the "
            "European countries it has licences for, each pointing to a Regional stack. "
            "Users elsewhere must see a page that explains the service is unavailable, hosted "
            "on an S3 website. Support reports that users in Brazil and Japan get DNS errors "
            "instead of the page. The team wants to change as little as possible. Which "
            "change fixes the problem with the FEWEST changes?"
        ),
        options=(
            Option(
                "Switch the records to latency routing so that every user gets the closest "
                "Regional stack.",
                False,
                "Latency routing ignores licences: users in unlicensed countries would reach a "
                "catalogue they must not see.",
            ),
            Option(
                "Add geolocation records for every other country, each pointing to the S3 website.",
                False,
                "It works, but it is about two hundred records to create and keep current: "
                "far more change than one default record.",
            ),
            Option(
                "Add a health check to each geolocation record so that Route 53 answers with "
                "another record when no location matches.",
                False,
                "Health checks choose among matching records; when no record matches a "
                "location at all, Route 53 still returns no answer.",
            ),
            Option(
                "Add a geolocation record for the Default location that points to the S3 website.",
                True,
                "Without a default record Route 53 gives no answer to unmatched locations; "
                "the default record catches every other country.",
            ),
        ),
    ),
    Question(
        id="route53-geoproximity-bias",
        prompt=(
            "A gaming company serves North America from us-east-1 and us-west-2 with "
            "geoproximity records, no bias. After a new data hall opened, us-west-2 has "
            "spare capacity while us-east-1 runs hot and its players in the central states see "
            "queueing at peak times. The company wants more of the central United States to "
            "go to us-west-2, gradually and reversibly, without maintaining lists of states "
            "or countries and without changing the game client that players install. Which "
            "solution meets these requirements with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Replace the geoproximity records with geolocation records for each US state "
                "and Canadian province, sending the central states and provinces to us-west-2 "
                "and the rest to us-east-1.",
                False,
                "It needs the per-state lists the company does not want to maintain, and "
                "moves whole states at a time rather than gradually.",
            ),
            Option(
                "Add a negative bias to us-west-2 so its record looks closer to users in the "
                "centre of the country.",
                False,
                "A negative bias shrinks the area a resource serves: traffic would move to "
                "us-east-1, the opposite of the goal.",
            ),
            Option(
                f"Set a positive bias (1 to {_BIAS}) on the us-west-2 record and raise it in "
                "small steps while watching both Regions.",
                True,
                "A positive bias makes Route 53 treat us-west-2 as closer, growing its area "
                "and shrinking us-east-1's; small steps keep the shift gradual.",
            ),
            Option(
                "Use weighted records with a higher weight for us-west-2 for all North "
                "American users.",
                False,
                "Weights ignore location: east-coast players would be sent across the "
                "continent too, raising their latency.",
            ),
        ),
    ),
    Question(
        id="route53-latency-failover",
        prompt=(
            "A SaaS provider runs identical stacks behind Application Load Balancers in "
            "us-east-1, eu-west-1 and ap-southeast-1. Customers are worldwide and complain "
            "about slow pages when they are sent to a distant Region. If a Region's load "
            "balancer has no healthy targets, its users must automatically go to the next "
            "best Region. The team does not want to manage separate health checks for the "
            "load balancers, and each stack already has Elastic Load Balancing health checks "
            "on its targets. Which solution gives users the LOWEST latency while meeting "
            "these requirements?"
        ),
        options=(
            Option(
                "Geolocation alias records per continent with a default record, each with "
                "a separate Route 53 health check against the load balancer.",
                False,
                "Geolocation follows borders, not measured latency, and the separate health "
                "checks are the extra management the team wants to avoid.",
            ),
            Option(
                "Latency alias records for the three load balancers with evaluate target "
                "health set to Yes.",
                True,
                "Latency records send each user to the Region with the lowest latency, and "
                "evaluate target health skips a load balancer without healthy targets.",
            ),
            Option(
                "Multivalue answer records with the three load balancers' IP addresses and a "
                "health check each.",
                False,
                "Multivalue returns several Regions at random, so many users still land far "
                "away; load balancer addresses also change.",
            ),
            Option(
                "A simple alias record for a load balancer in us-east-1 that forwards to the "
                "other Regions over inter-Region VPC peering.",
                False,
                "Every user would pay the trip to us-east-1 first, and that one Region would "
                "be a single point of failure.",
            ),
        ),
    ),
    Question(
        id="route53-weighted-canary",
        prompt=(
            "A payments team releases a new API version behind its own load balancer and "
            "wants to send a small, adjustable share of production traffic to it, watch "
            "error rates, and roll back within a couple of minutes without a deployment. "
            "The current version must keep serving everything else, and if the new version's "
            "load balancer becomes unhealthy it must stop receiving traffic automatically. "
            "Clients resolve api.example.com through public resolvers and many of them are "
            "long-running services that reconnect only occasionally. Which approach is the "
            "MOST operationally efficient?"
        ),
        options=(
            Option(
                "A failover record pair with the new version as SECONDARY, switched to "
                "PRIMARY when the team is ready.",
                False,
                "Failover is active-passive: all or nothing, with no way to send a small "
                "share to the new version first.",
            ),
            Option(
                "Multivalue answer records for both load balancers so clients pick one at random.",
                False,
                "Clients choose among the values with no weights, so the share cannot be "
                "set, and alias targets cannot be multivalue records.",
            ),
            Option(
                "Publish the new endpoint under a second name, canary.example.com, ask a few "
                "friendly customers to switch their client configuration to it, and ask them "
                "to switch back if errors rise.",
                False,
                "It depends on customers changing settings, is not adjustable from your side "
                "and cannot be rolled back in minutes.",
            ),
            Option(
                f"Weighted alias records (for example 95 and 5, weights up to {_WEIGHT_MAX}) "
                "with evaluate target health; set the new record's weight to 0 to roll back.",
                True,
                f"Weights set the share, evaluate target health drops an unhealthy target, "
                f"and weight 0 drains it as resolvers' caches ({_ELB_TTL} s for a load "
                "balancer alias) expire.",
            ),
        ),
    ),
    Question(
        id="route53-multivalue",
        prompt="Which statement about multivalue answer routing is correct?",
        options=(
            Option(
                f"Route 53 returns up to {_MULTI} healthy records per query, and it is not a "
                "substitute for a load balancer.",
                True,
                "Clients pick among the values and cache them; there is no per-request "
                "balancing or connection draining as with a load balancer.",
            ),
            Option(
                "Multivalue answer records can be alias records that target several load "
                "balancers at once.",
                False,
                "Route 53 does not support multivalue answer alias records; each record holds "
                "one value such as an IP address.",
            ),
            Option(
                "When every record is unhealthy Route 53 returns no answer at all, so that "
                "clients fail fast and retry against another name or a cached address.",
                False,
                f"When none is healthy Route 53 returns up to {_MULTI} unhealthy records "
                "instead of nothing (it fails open).",
            ),
            Option(
                "Multivalue answers let you set a weight per value to control each share of "
                "the traffic.",
                False,
                "Multivalue has no weights; weighted routing is the policy that controls each "
                "record's share of the answers.",
            ),
        ),
    ),
    Question(
        id="route53-dnssec",
        prompt=(
            "A government agency hosts its public domain in Route 53. An audit requires DNS "
            "responses for the domain to be signed so that resolvers can detect tampering, "
            "and requires that the agency control the signing key material's lifecycle in "
            "AWS KMS. The agency prefers to keep Route 53 as its DNS service and wants no "
            "servers to run or patch. An older study guide used by the team says Route 53 "
            "cannot do this. Which "
            "solution meets these requirements with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Move the zone to self-managed BIND servers on EC2 instances in two Availability "
                "Zones that sign the zone, because Route 53 supports DNSSEC only for domain "
                "registration and not for hosted zones.",
                False,
                "That was wrong even in January 2021: Route 53 has signed public hosted zones "
                "since December 2020, so no servers are needed.",
            ),
            Option(
                "Enable DNSSEC validation on the Route 53 Resolver of every VPC the agency owns.",
                False,
                "Validation checks other zones' signatures for your VPCs; it does not sign "
                "your public zone for the world's resolvers.",
            ),
            Option(
                f"Enable DNSSEC signing on the public hosted zone with a key-signing key "
                f"backed by an {_DNSSEC_KEY}, then add the DS record at the registrar.",
                True,
                "Route 53 signs the zone and manages the zone-signing keys; the agency's KMS "
                "key backs the key-signing key, and the DS record completes the chain.",
            ),
            Option(
                "Put CloudFront in front of the website with a TLS certificate, which signs "
                "the DNS answers for the domain.",
                False,
                "TLS protects the HTTP connection, not DNS responses; it does nothing against "
                "a tampered DNS answer.",
            ),
        ),
    ),
    Question(
        id="route53-cross-account-phz",
        prompt=(
            "A company keeps its private hosted zone services.internal in a central "
            "networking account. A new workload account has a VPC that must resolve names in "
            "that zone. The VPCs are not peered and will talk only through PrivateLink "
            "endpoints, which are already working. The platform team does not want to "
            "duplicate the zone or run DNS servers. A team member tried to associate the VPC "
            "in the Route 53 console and could not find it. Which solution is the MOST "
            "operationally efficient?"
        ),
        options=(
            Option(
                "Peer the two VPCs, because a private hosted zone can be associated only with "
                "peered VPCs.",
                False,
                "Association needs no peering: a private zone answers any associated VPC "
                "through that VPC's own Resolver.",
            ),
            Option(
                "From the networking account create a VPC association authorization for the "
                "workload VPC, then associate the VPC from the workload account with the CLI "
                "or API.",
                True,
                "Cross-account association is authorize (zone owner) then associate (VPC "
                "owner), and it is not available in the console, as the team member found.",
            ),
            Option(
                "Recreate services.internal as a private hosted zone in the workload account, "
                "associate it with the workload VPC in the console, and copy the records from "
                "the networking account with a nightly job.",
                False,
                "Duplicating the zone is exactly what the team wants to avoid, and copies "
                "drift between runs.",
            ),
            Option(
                "Make services.internal a public hosted zone so that every VPC can resolve it.",
                False,
                "It publishes internal names to the internet, and a private zone cannot be "
                "converted to a public one anyway.",
            ),
        ),
    ),
    Question(
        id="route53-alias-facts",
        prompt="Which two statements about Route 53 alias records are correct? Choose two.",
        options=(
            Option(
                "An alias record has no TTL of its own; Route 53 uses the target's TTL.",
                True,
                f"You omit the TTL; a load balancer target, for example, gives {_ELB_TTL} "
                "seconds. The notes' 'TTL is mandatory' holds for other records.",
            ),
            Option(
                "An alias record can point to an EC2 instance's public DNS name, so that the "
                "record follows the instance when it is stopped and started again.",
                False,
                "EC2 instance DNS names are not alias targets; use an A record with an "
                "Elastic IP address or put a load balancer in front.",
            ),
            Option(
                "An alias record can target another record in the same hosted zone or an API "
                "Gateway custom domain name.",
                True,
                "Besides load balancers, CloudFront, S3 websites and Elastic Beanstalk, aliases "
                "also target records in the zone, API Gateway, VPC interface endpoints and "
                "Global Accelerator.",
            ),
            Option(
                "An alias to a CloudFront distribution can evaluate target health.",
                False,
                "Route 53 does not allow evaluate target health on CloudFront aliases; attach "
                "a health check to the record instead.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="route53-string-match",
        prompt=(
            "A health check with string matching reports an endpoint unhealthy although the "
            "page loads fine in a browser and returns 200. What is the most likely cause?"
        ),
        options=(
            Option(
                "The health check uses the fast interval, which is only allowed for TCP checks.",
                False,
                "The fast interval applies to every endpoint check type, so it cannot make "
                "an HTTP string-match check fail.",
            ),
            Option(
                "Route 53 needs 100% of its health checkers to agree before it marks an "
                "endpoint healthy.",
                False,
                f"An endpoint is healthy when more than {_SHARE}% of the checkers say so; "
                "unanimity is not required.",
            ),
            Option(
                "Health checks pass only on a 200 status, and the page answers with a 304 for "
                "cached content.",
                False,
                "Any 2xx or 3xx status passes an HTTP(S) health check, so 304 would pass.",
            ),
            Option(
                f"The search string appears in the body only after the first {_BYTES:,} bytes.",
                True,
                f"Route 53 searches only the first {_BYTES:,} bytes of the body; a string "
                "further down makes the check fail even though the page works.",
            ),
        ),
    ),
    Question(
        id="route53-ip-based",
        prompt=(
            "A video platform has agreements with three large ISPs that peer directly with "
            "its caches in two Regions. Traffic from each ISP's customers should go to the "
            "cache that ISP peers with, which avoids transit charges, and everyone else "
            "should go to the default fleet. The ISPs have published their IP address "
            "ranges, which change a few times a year. Geographic routing sends some ISP "
            "customers to the wrong cache because the ISPs serve overlapping areas. Which "
            "routing setup is the MOST cost-effective?"
        ),
        options=(
            Option(
                "IP-based routing with a CIDR collection per ISP, each mapped to its peered "
                "cache, and a default location for everyone else.",
                True,
                "IP-based routing decides by the resolver's (or client subnet's) address, "
                "which is exactly the ISP relationship, and the collection is easy to update.",
            ),
            Option(
                "Geoproximity routing with a large positive bias on each ISP's peered cache, "
                "adjusted every time an ISP publishes new ranges, and a default fleet record.",
                False,
                "Bias still works on distance, and the ISPs overlap geographically: customers "
                "would keep landing on the wrong cache and paying transit.",
            ),
            Option(
                "Latency routing between the two cache Regions.",
                False,
                "Latency ignores which ISP a user is on, so the transit charges the peering "
                "agreements are meant to avoid remain.",
            ),
            Option(
                "Geolocation routing by US state and country for each ISP's main service area.",
                False,
                "The ISPs overlap, so location cannot tell their customers apart; this is the "
                "problem the company already has.",
            ),
        ),
    ),
    Question(
        id="route53-ttl-cutover",
        prompt=(
            "A company will move www.example.com, an A record with a TTL of one day, to a "
            "new set of servers on Saturday. It wants users to reach the new servers within "
            "minutes of the change and to be able to move back quickly. Which plan is the "
            "MOST resilient?"
        ),
        options=(
            Option(
                "Change the record's value on Saturday morning and raise its TTL to one week at "
                "the same time, so that resolvers keep the new answer and query Route 53 less "
                "often.",
                False,
                "Resolvers that cached the old answer keep it for up to a day, and a one-week "
                "TTL makes moving back slow.",
            ),
            Option(
                f"Lower the TTL to {_HC_TTL} seconds at least a day before, change the value "
                "on Saturday, then raise the TTL once the move is stable.",
                True,
                "Old day-long caches expire before the change; after it, clients follow "
                "within a minute and a move back is just as fast.",
            ),
            Option(
                "Change the value on Saturday and ask users to clear their browser cache.",
                False,
                "The stale answer sits in resolvers' caches for up to the old TTL; users "
                "cannot clear their ISP's resolver.",
            ),
            Option(
                "Switch the record to multivalue answer with both old and new servers during "
                "the weekend.",
                False,
                "Clients would keep reaching the old servers at random, and the day-long TTL "
                "still delays every change.",
            ),
        ),
    ),
    Question(
        id="route53-weighted-health",
        prompt=(
            "An API has three weighted records with health checks: blue (weight 200), green "
            "(weight 50) and standby (weight 0). Blue and green both fail their health checks "
            "while standby is healthy. What does Route 53 answer?"
        ),
        options=(
            Option(
                "Nothing: weight 0 means the standby record is never returned.",
                False,
                "Weight 0 records are considered once every record with a weight above 0 is "
                "unhealthy, so the standby does answer.",
            ),
            Option(
                "Blue and green in their 200:50 ratio, because Route 53 fails open and treats "
                "every record as healthy when the records with weights fail their checks.",
                False,
                "Route 53 fails open only when no record is healthy; here the standby record "
                "is healthy.",
            ),
            Option(
                "The standby record, because the zero-weight records are considered once all "
                "records with a weight above 0 are unhealthy.",
                True,
                "That is Route 53's documented rule for weight 0 with health checks: a "
                "built-in standby.",
            ),
            Option(
                "All three records, as with a multivalue answer.",
                False,
                "A weighted answer is always one record; only multivalue answers return "
                "several records.",
            ),
        ),
    ),
)

QUESTIONS = validate_bank(QUESTIONS)
