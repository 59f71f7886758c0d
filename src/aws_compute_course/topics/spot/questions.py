"""Scenario questions for the Spot topic (course notebook 03).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, a few
choose-two questions, and at most one distractor that relies on a retired feature. The
course shows each learner the options in their own shuffled order.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_NOTICE = facts.integer("spot.interruption_notice_minutes")
_POLL = facts.integer("spot.notice_poll_seconds")
_DISCOUNT = facts.integer("spot.max_discount_percent")
_FLEET_MAX = facts.integer("spot.fleet_target_capacity_max")
_FLEET_TOTAL = facts.integer("spot.fleets_total_target_capacity_max")
_ACTIVE_FLEETS = facts.integer("spot.active_fleets_max")
_RECOMMENDED = facts.text("spot.allocation_recommended")
_RECOMMENDED_ASG = facts.text("spot.allocation_recommended_fleet")  # EC2 Fleet and ASG spelling
_ASG_DEFAULT = facts.text("spot.asg_spot_allocation_default")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="spot-max-price",
        prompt=(
            "A media company transcodes video in an Auto Scaling group of Spot Instances that "
            "uses four instance types in three Availability Zones. Jobs are fault tolerant and "
            "restart from their last checkpoint. To keep costs predictable, finance asked the "
            "team to set a maximum price of 30% of the On-Demand price in the launch template. "
            "Since then jobs finish hours late because instances are interrupted often, although "
            "the Spot price history of the pools stays below half of the On-Demand price most "
            "of the day. Finance now accepts paying up to the On-Demand price in the worst case. "
            "Which change is the MOST cost-effective way to reduce the interruptions?"
        ),
        options=(
            Option(
                "Lower the maximum price to 20% of the On-Demand price so that each running "
                "hour costs less and the savings pay for the delays.",
                False,
                "A lower maximum makes the Spot price cross it more often: more interruptions, "
                "not fewer. And you never pay your maximum, only the current Spot price, so a "
                "lower maximum saves nothing per running hour.",
            ),
            Option(
                "Remove the maximum price from the launch template, so that the instances pay "
                "the current Spot price and are capped at the On-Demand price.",
                True,
                "AWS recommends not setting a maximum price: you pay the current Spot price "
                "either way, and a low maximum only adds price-driven interruptions on top of "
                "the capacity-driven ones. Without one the cap is the On-Demand price, which "
                "finance now accepts.",
            ),
            Option(
                "Keep the maximum price and switch the group's Spot allocation strategy to "
                "lowest-price so that it launches in the pools furthest below the maximum.",
                False,
                "lowest-price piles capacity into the cheapest pools, which often have the least "
                "spare capacity, and the 30% maximum still interrupts the instances whenever "
                "a pool's price rises above it.",
            ),
            Option(
                "Move the transcoding fleet to On-Demand Instances covered by a 1-year Compute "
                "Savings Plan, which removes interruptions and still gives a discount.",
                False,
                "It removes the interruptions but costs far more than Spot for a fault-tolerant "
                f"workload (Spot is up to {_DISCOUNT}% off On-Demand); removing the maximum "
                "price fixes the cause at no extra cost.",
            ),
        ),
    ),
    Question(
        id="spot-notice",
        prompt=(
            "A financial-modelling service runs long simulations on Spot Instances in an Auto "
            "Scaling group. Writing a checkpoint of a simulation to Amazon S3 takes about 90 "
            "seconds, and a simulation that is interrupted without a checkpoint loses hours of "
            "work. The team wants to start checkpointing as early as EC2 gives any warning, and "
            "to stop scheduling new simulations on an instance that is likely to be "
            "interrupted. The solution must run on every instance without manual steps. Which "
            "combination of steps is the MOST resilient way to protect the work? (Choose two.)"
        ),
        options=(
            Option(
                "Watch CloudWatch CPUUtilization for each instance and start a checkpoint as "
                "soon as it drops sharply, because EC2 throttles an instance for a while before "
                "it reclaims the capacity.",
                False,
                "EC2 does not throttle an instance before an interruption; CPU utilization "
                "says nothing about an upcoming one.",
            ),
            Option(
                "React to the EC2 Instance Rebalance Recommendation (EventBridge event or "
                "instance metadata): stop taking new simulations and checkpoint the running "
                "ones at once.",
                True,
                "A rebalance recommendation signals elevated interruption risk and can arrive "
                f"before the {_NOTICE}-minute notice (or together with it): the earliest "
                "warning EC2 gives, and the right moment to drain new work.",
            ),
            Option(
                "Set the interruption behaviour to hibernate, so that EC2 gives the instance "
                "extra time to write its memory before it is reclaimed.",
                False,
                "Hibernation gets no two-minute warning at all: it starts at once. The "
                "simulation's progress would still not be in S3.",
            ),
            Option(
                f"Poll the instance metadata for spot/instance-action every {_POLL} seconds (or "
                "use the EventBridge interruption warning) and checkpoint when it appears.",
                True,
                f"The interruption notice comes {_NOTICE} minutes before EC2 stops or "
                f"terminates the instance, and AWS recommends checking every {_POLL} seconds. "
                "It is the backstop when no rebalance recommendation arrived first, and 90 "
                "seconds of checkpointing fit in it.",
            ),
            Option(
                "Set a maximum price just above today's Spot price and checkpoint when the "
                "Spot price approaches it.",
                False,
                "Most interruptions are about capacity, not price, so the price gives no "
                "warning of them; a maximum price only adds interruptions of its own.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="spot-api-today",
        prompt=(
            "A platform team in a company with 30 application accounts publishes one standard "
            "pattern for stateless services: a mix of On-Demand and Spot capacity over several "
            "instance types, registration with an Application Load Balancer, and automatic "
            "replacement of instances that fail health checks or are interrupted. The "
            "application teams have little operations experience, and the pattern will be "
            "reused for years, so it must be built on an API that AWS keeps investing in and "
            "must be something the teams can operate with the LEAST operational overhead. "
            "Which pattern should the platform team publish?"
        ),
        options=(
            Option(
                "A Spot Fleet request of type maintain with launch template overrides for "
                "several instance types and an On-Demand target capacity.",
                False,
                "Spot Fleet still maintains capacity and can register instances with a target "
                "group, but AWS calls it a legacy API with no planned investment and points new "
                "designs to EC2 Fleet, or to Auto Scaling groups when you don't want to manage "
                "the instance lifecycle.",
                obsolete=True,
            ),
            Option(
                "An EC2 Fleet of type instant, launched every few minutes by a scheduled Lambda "
                "function that also registers new instances with the load balancer and replaces "
                "failed ones.",
                False,
                "An instant fleet launches once and never maintains capacity, so the team "
                "would write and run its own replacement and registration code: the opposite of "
                "low overhead.",
            ),
            Option(
                "One Auto Scaling group per instance type, each with a single Spot pool, plus "
                "one On-Demand group for the baseline, all attached to the target group.",
                False,
                "Single-pool groups are the most exposed to a capacity event in one pool, and "
                "several groups per service multiply the scaling policies and alarms to run.",
            ),
            Option(
                "An Auto Scaling group with a mixed instances policy: a launch template, "
                f"several instance types, an On-Demand base and the {_RECOMMENDED_ASG} strategy.",
                True,
                "The group mixes purchase options and instance types in one place, registers "
                "instances with the target group, and replaces unhealthy or interrupted ones "
                "by itself. A mixed instances policy needs a launch template.",
            ),
        ),
    ),
    Question(
        id="spot-allocation",
        prompt=(
            "A software company runs its CI/CD build farm on Spot Instances across 12 capacity "
            "pools (four instance types in three Availability Zones). A build cannot be "
            "checkpointed: when its instance is interrupted it restarts from scratch, and the "
            "release pipeline then misses its window. The team has measured that one lost "
            "build costs far more than the price difference between the pools over a whole "
            "month, so its only goal for Spot is to be interrupted as rarely as possible. "
            "Which allocation strategy is the MOST cost-effective choice for this workload?"
        ),
        options=(
            Option(
                "lowestPrice, so that the savings on every running hour pay for the occasional "
                "rebuild.",
                False,
                "It fills the cheapest pools regardless of spare capacity: the highest "
                "interruption risk, for a saving the team has already shown is too small to "
                "matter.",
            ),
            Option(
                f"{_RECOMMENDED}, AWS's recommended default, because it picks the lowest priced "
                "pools with spare capacity.",
                False,
                "A good default for most workloads, but it weighs price: among the pools with "
                "high capacity availability it takes the cheapest, giving up a little "
                "interruption risk to save money. Here an interruption costs more than any "
                "price difference.",
            ),
            Option(
                "capacityOptimized, so that instances launch in the pools with the most spare "
                "capacity whatever their price.",
                True,
                "AWS describes capacityOptimized as the strategy with the lowest risk of "
                "interruption: it chooses pools by spare capacity only. When each interruption "
                "costs more than the price gap between pools, that is the cheapest outcome "
                "overall.",
            ),
            Option(
                "diversified, so that the builds are spread evenly over all 12 pools.",
                False,
                "Spreading limits how much one pool's event takes down at once, but it keeps "
                "builds in the riskiest pools too; it does not minimise interruptions.",
            ),
        ),
    ),
    Question(
        id="spot-asg-default-strategy",
        prompt=(
            "A data team created an Auto Scaling group with a mixed instances policy through "
            "an infrastructure-as-code template: ten instance types in three Availability "
            "Zones, no On-Demand capacity, no maximum price and no Spot allocation strategy "
            "in the template. The batch jobs can be retried, but they are interrupted several "
            "times a day, and the Spot price history of the pools stays well below the "
            "On-Demand price. The team wants fewer interruptions without rewriting the jobs "
            "and with the FEWEST changes to the template. What should a solutions architect "
            "recommend?"
        ),
        options=(
            Option(
                "Add a maximum price equal to the On-Demand price, so that EC2 never has a "
                "reason to reclaim the instances.",
                False,
                "With no maximum price the cap already is the On-Demand price, and capacity "
                "interruptions happen at any price: nothing changes.",
            ),
            Option(
                "Add ten more instance types, so that the group has more pools to fall back on.",
                False,
                "More pools help only if the strategy uses them well; the default strategy "
                "still concentrates the group in the few cheapest pools.",
            ),
            Option(
                f"Set the group's Spot allocation strategy to {_RECOMMENDED_ASG}.",
                True,
                f"Without one the group uses {_ASG_DEFAULT}, which only considers price and "
                "can lead to high interruption rates. One property switches it to the "
                "strategy that prefers pools with spare capacity.",
            ),
            Option(
                "Turn on Capacity Rebalancing, so that the group replaces instances before "
                "they are interrupted.",
                False,
                "It makes interruptions less painful by launching replacements early, but the "
                "replacements still come from the same crowded cheapest pools: the cause "
                "remains.",
            ),
        ),
    ),
    Question(
        id="spot-portfolio",
        prompt=(
            "A retailer is migrating five workloads from its data centre and wants to move the "
            "two that suit Spot Instances, the MOST cost-effective move that puts none of its "
            "service levels at risk. (1) A nightly product-image resizing job fed by an SQS "
            "queue, which retries failed messages. (2) The primary PostgreSQL database of the "
            "order system, which must not restart during trading hours. (3) A self-hosted "
            "licence server whose licences are bound to one physical host. (4) Test runners "
            "for the CI system that pick build jobs off a queue and retry them. (5) A payment "
            "API whose contract requires six instances at all times. Which workloads should "
            "move to Spot? (Choose two.)"
        ),
        options=(
            Option(
                "The nightly image-resizing job.",
                True,
                "Stateless, queue-fed and retried: an interruption costs one message's work, "
                f"for savings of up to {_DISCOUNT}%.",
            ),
            Option(
                "The primary PostgreSQL database of the order system.",
                False,
                "An interruption takes the primary down during trading; steady, "
                "uninterruptible load belongs on On-Demand with a Savings Plan or Reserved "
                "Instances.",
            ),
            Option(
                "The licence server bound to one physical host.",
                False,
                "Host-bound licences need a Dedicated Host; Spot capacity can be reclaimed "
                "at any time and gives no host control.",
            ),
            Option(
                "The CI test runners that take build jobs off a queue.",
                True,
                "Runners are interchangeable and the queue retries an interrupted job: a "
                "textbook Spot workload.",
            ),
            Option(
                "The payment API that must keep six instances running at all times.",
                False,
                "Its floor must not be interrupted; at most the capacity above the six could "
                "run on Spot, with the six as an On-Demand base.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="spot-fleet-capacity",
        prompt=(
            "A genomics institute runs one EC2 Fleet each night, with target capacity counted "
            "in vCPUs through instance weights. For a new study it submits a fleet with a "
            "target capacity of 15,000 vCPU units in one Region, and the request is rejected. "
            "The institute runs no other fleets, its Spot vCPU quotas are high enough, and the "
            "study must start tonight, before any support case could be answered. Which "
            "change lets the study start tonight with the FEWEST changes to the pipeline?"
        ),
        options=(
            Option(
                "Submit the same request as a Spot Fleet, which allows more target capacity "
                "than EC2 Fleet.",
                False,
                "Spot Fleet and EC2 Fleet share the same quotas: "
                f"{_FLEET_MAX:,} units per fleet and {_FLEET_TOTAL:,} across all fleets in a "
                "Region.",
            ),
            Option(
                "Split the work into two fleets of 7,500 units each.",
                True,
                f"Each fleet may have up to {_FLEET_MAX:,} units by default, and the two "
                f"together stay far below the {_FLEET_TOTAL:,}-unit Regional total (and the "
                f"{_ACTIVE_FLEETS:,} active fleets). No quota increase is needed.",
            ),
            Option(
                "Request an increase of the Region-wide target capacity quota across all fleets.",
                False,
                f"15,000 is already far below the {_FLEET_TOTAL:,}-unit Regional default; the "
                f"per-fleet limit of {_FLEET_MAX:,} is what the request breaks, and a quota "
                "increase would not arrive tonight anyway.",
            ),
            Option(
                "Allow larger instance types through attribute-based instance type selection, "
                "so that fewer instances fill the target.",
                False,
                "The target is counted in weighted units (vCPUs), not instances: bigger "
                "instances carry bigger weights and the target stays 15,000 units.",
            ),
        ),
    ),
    Question(
        id="spot-web-tier",
        prompt=(
            "A news site serves its stateless web tier from an Auto Scaling group behind an "
            "Application Load Balancer, with 80% of the capacity on Spot Instances of one "
            "instance type in one Availability Zone. Twice last month every Spot Instance was "
            "reclaimed within minutes, and each time users also saw errors because instances "
            "disappeared while they were still serving requests. The company wants to keep the "
            "Spot savings and make the tier the MOST resilient to interruptions. Which "
            "combination of changes should a solutions architect recommend? (Choose two.)"
        ),
        options=(
            Option(
                "Allow many instance types in every Availability Zone and use the "
                f"{_RECOMMENDED_ASG} allocation strategy.",
                True,
                "Each instance type in each AZ is a separate capacity pool; many pools make it "
                "unlikely that all of them are reclaimed at once, and the strategy prefers "
                "pools with spare capacity.",
            ),
            Option(
                "Set the interruption behaviour to hibernate so that interrupted instances "
                "come back with their memory and open connections when Spot capacity returns "
                "to the pool.",
                False,
                "A stateless web tier has no state worth keeping, and hibernation starts with "
                "no two-minute warning: the load balancer would still send requests to an "
                "instance that is going away.",
            ),
            Option(
                "On the 'EC2 Spot Instance Interruption Warning' event, deregister the instance "
                "from the target group so that the load balancer drains it.",
                True,
                f"The warning comes {_NOTICE} minutes before the interruption: enough to stop "
                "new requests reaching the instance and let in-flight ones finish, so users "
                "see no errors.",
            ),
            Option(
                "Set a maximum price equal to the On-Demand price so that the instances are "
                "reclaimed last.",
                False,
                "Without a maximum the cap already is the On-Demand price, and EC2 reclaims "
                "capacity when it needs it, whatever the price.",
            ),
            Option(
                "Move the group into a cluster placement group so that replacements launch "
                "next to the remaining instances.",
                False,
                "A cluster group keeps everything in one AZ and one network segment: the "
                "opposite of spreading the risk, and it can make capacity harder to get.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="spot-hibernate-warning",
        prompt=(
            "A team runs stateful analytics workers on Spot Instances and set the interruption "
            "behaviour to hibernate to keep their in-memory caches. Its drain script, which "
            "polls the instance metadata for the interruption notice, has never run before an "
            "interruption. What explains this, and what should the team do?"
        ),
        options=(
            Option(
                "The metadata is polled too rarely: poll every second instead.",
                False,
                "No polling rate helps: with hibernation there is no two-minute warning to find.",
            ),
            Option(
                "Add an Auto Scaling lifecycle hook, which extends the interruption notice so "
                "that the script has time to run before hibernation starts.",
                False,
                "Lifecycle hooks act on Auto Scaling launches and terminations; they do not "
                "delay a Spot interruption or add a warning.",
            ),
            Option(
                "Hibernation gives no two-minute warning: drain on the rebalance "
                "recommendation, or use stop or terminate.",
                True,
                "With hibernation EC2 starts hibernating at once. A rebalance recommendation "
                "can still come earlier, and with stop or terminate the "
                f"{_NOTICE}-minute notice gives the script its time.",
            ),
            Option(
                "The instances must be launched by a Spot Fleet to receive interruption notices.",
                False,
                "Every Spot Instance gets the notice in its metadata and as an EventBridge "
                "event, however it was launched.",
            ),
        ),
    ),
    Question(
        id="spot-weights",
        prompt=(
            "An Auto Scaling group for a rendering farm mixes c5.xlarge (4 vCPUs), c5.2xlarge "
            "(8 vCPUs) and c5.4xlarge (16 vCPUs) Spot Instances. The scaling policy should "
            "think in vCPUs, so that a desired capacity of 320 always means about 320 vCPUs, "
            "whichever instance types the group happens to get. How should the group be "
            "configured?"
        ),
        options=(
            Option(
                "Give each instance type in the mixed instances policy a weight equal to its "
                "vCPUs (4, 8 and 16) and set the capacity in those units.",
                True,
                "With weights, the group counts capacity in units: one c5.4xlarge fills 16 "
                "of the 320, so the vCPU total stays the same whatever mix it launches.",
            ),
            Option(
                "Keep only c5.xlarge and set the desired capacity to 80 instances.",
                False,
                "It gives 320 vCPUs but throws away the diversification over instance types "
                "that makes Spot capacity easier to get and keep.",
            ),
            Option(
                "Leave the weights at 1 and let the lowest-price strategy pick the types.",
                False,
                "Unweighted, 320 means 320 instances of any size, between 1,280 and 5,120 "
                "vCPUs; the strategy does not change what a unit is.",
            ),
            Option(
                "Set the desired capacity to 320 and attach a target tracking policy on CPU "
                "utilization, so that the group keeps adding instances until it has enough "
                "vCPUs.",
                False,
                "Target tracking decides how much capacity to have, not what one unit of "
                "capacity is; without weights the units are still instances.",
            ),
        ),
    ),
    Question(
        id="spot-dev-test",
        prompt=(
            "A company runs 40 development and test environments on m5.large On-Demand "
            "Instances. The environments are used only on weekdays from 08:00 to 18:00, are "
            "rebuilt from infrastructure-as-code templates in minutes, and losing an instance "
            "costs a developer a few minutes at most. Finance wants the bill cut as far as "
            "possible without a multi-year commitment, because the number of environments "
            "will change with the projects. The developers accept an occasional rebuild but "
            "do not want to manage capacity by hand. Which approach is the MOST "
            "cost-effective?"
        ),
        options=(
            Option(
                "Buy a 1-year Compute Savings Plan sized for the 40 instances and keep them "
                "running around the clock so that developers never wait for a rebuild.",
                False,
                "A Savings Plan bills its commitment for every hour of the term, nights and "
                "weekends included, while the environments are used about 30% of the hours; "
                "and the company wants no commitment.",
            ),
            Option(
                "Keep the On-Demand Instances, put each environment in an Auto Scaling group "
                "and scale it to zero outside working hours with scheduled actions.",
                False,
                "Scheduling cuts the hours paid, which is a good first step, but the "
                "environments tolerate interruptions, so they could also pay the Spot price "
                "for the hours they run.",
            ),
            Option(
                "Purchase 3-year Standard Reserved Instances for the m5.large instances.",
                False,
                "The deepest commitment discount, but it is billed for every hour of three "
                "years while the environments run about 30% of the hours, and it locks in a "
                "count that will change.",
            ),
            Option(
                "Run the environments on Spot Instances in Auto Scaling groups with several "
                "instance types, scaled to zero outside working hours by scheduled actions.",
                True,
                f"Spot is up to {_DISCOUNT}% off On-Demand and needs no commitment; the "
                "environments tolerate interruptions and are rebuilt in minutes, and the "
                "schedule pays only for the hours they are used.",
            ),
        ),
    ),
    Question(
        id="spot-checkpoint",
        prompt=(
            "A climate model runs for 20 hours on a single large Spot Instance. Interruptions "
            "in its pool come roughly every 8 hours, so the run has never finished. The model "
            "can write its state to disk at any time step. What should a solutions architect "
            "change so that the run finishes at a low cost?"
        ),
        options=(
            Option(
                "Move the run to a cluster placement group so that the instance is not "
                "interrupted.",
                False,
                "Placement groups control where instances sit, not whether Spot capacity is "
                "reclaimed.",
            ),
            Option(
                "Checkpoint the state to Amazon S3 regularly and on the interruption notice, "
                "and resume on a replacement instance from the last checkpoint.",
                True,
                "With checkpoints an interruption costs only the work since the last one, so "
                "the run completes across several instances while keeping the Spot price.",
            ),
            Option(
                "Use a larger instance type of the same family, so that the run needs fewer "
                "hours and can finish between two interruptions of the pool.",
                False,
                "Only if the model scales to the bigger instance, and interruptions are not "
                "on a timetable: a run with no checkpoints can still lose everything.",
            ),
            Option(
                "Set the maximum price to the On-Demand price so that capacity is held for "
                "the whole run.",
                False,
                "That is already the cap without a maximum price; capacity interruptions "
                "happen at any price.",
            ),
        ),
    ),
    Question(
        id="spot-price-model",
        prompt=(
            "A consultant proposes that a company lower its Spot costs by bidding 10% under "
            "the current Spot price every morning, because 'the lowest bids win the spare "
            "capacity'. How should a solutions architect respond?"
        ),
        options=(
            Option(
                "Agree, but bid 10% over the current price so that the instances are never "
                "interrupted.",
                False,
                "A maximum price above the current price does not protect against capacity "
                "interruptions, and you pay the current price anyway.",
            ),
            Option(
                "Agree: bids below the current price are filled first when capacity frees up.",
                False,
                "A request whose maximum is below the current Spot price is simply not "
                "fulfilled until the price falls to it; nothing is won by bidding.",
            ),
            Option(
                "Disagree, and instead set the maximum price to the lowest Spot price of the "
                "past week, so that the fleet runs only during the hours when capacity is "
                "cheap.",
                False,
                "The instances would be interrupted whenever the price rises above last week's "
                "low, while each running hour costs the current price anyway: uptime lost for "
                "almost no saving.",
            ),
            Option(
                "Disagree: there is no auction. Every instance pays the current Spot price, "
                "which adjusts gradually; a maximum price only adds interruptions.",
                True,
                "The Spot price follows long-term supply and demand, and every instance in a "
                "pool pays it. AWS recommends setting no maximum price.",
            ),
        ),
    ),
    Question(
        id="spot-launch-template",
        prompt=(
            "A company's batch Auto Scaling group was created years ago from a launch "
            "configuration for one On-Demand instance type. The team now wants the group to "
            "run mostly on Spot across five instance types, keep two On-Demand instances as a "
            "base, and get there with the LEAST operational overhead. What must the team do?"
        ),
        options=(
            Option(
                "Add a Spot price to the existing launch configuration and list the five "
                "instance types in it.",
                False,
                "A launch configuration describes one instance type and one purchase option; "
                "it cannot mix types or keep an On-Demand base.",
            ),
            Option(
                "Create a second Auto Scaling group with its own launch configuration per "
                "instance type.",
                False,
                "Five groups to scale and alarm instead of one, and still no single On-Demand "
                "base across them.",
            ),
            Option(
                "Create a launch template and switch the group to a mixed instances policy "
                "with the five types and an On-Demand base capacity of 2.",
                True,
                "A mixed instances policy, which needs a launch template, is what mixes "
                "instance types and purchase options in one group, with an On-Demand base "
                "below the Spot capacity.",
            ),
            Option(
                "Replace the group with a Spot Fleet request that reuses the existing launch "
                "configuration and keeps an On-Demand target capacity of two.",
                False,
                "A Spot Fleet cannot use a launch configuration, and it drops what the group "
                "does today: scaling policies, health checks and replacement.",
            ),
        ),
    ),
    Question(
        id="spot-interruption-log",
        prompt=(
            "A company runs its batch processing on Spot Instances in several Auto Scaling "
            "groups. To tune its choice of instance types and Availability Zones, the "
            "operations team wants a record of every interruption warning: which instance, "
            "which instance type, which AZ and when, kept for a year. It wants the record with "
            "the LEAST operational overhead and without changing the batch software or the "
            "AMIs, because several teams own those. The record must also include instances "
            "that were interrupted before their software finished starting. What should a "
            "solutions architect set up?"
        ),
        options=(
            Option(
                "An EventBridge rule that matches the 'EC2 Spot Instance Interruption Warning' "
                "event and sends it to a log group or a queue for analysis.",
                True,
                "EC2 emits the warning to EventBridge for every Spot Instance, with the "
                "instance ID, so one rule records them all without touching the instances or "
                "their software.",
            ),
            Option(
                "A script baked into every AMI that polls the instance metadata every few "
                "seconds and writes each notice it finds to a database table.",
                False,
                "It sees the same notice, but it is software to install, run and keep alive "
                "on every instance, and a notice is lost whenever the script is not running.",
            ),
            Option(
                "A daily job that downloads the Spot price history of every pool and marks "
                "the hours when the price rose.",
                False,
                "Price changes are not interruptions: most interruptions are about capacity, "
                "and they happen while the price stays flat.",
            ),
            Option(
                "CloudWatch alarms on the GroupInServiceInstances metric of each group, with "
                "an email on every drop.",
                False,
                "A drop can be a scale-in, a failed health check or an interruption, and the "
                "metric names no instance, type or AZ.",
            ),
        ),
    ),
    Question(
        id="spot-deadline",
        prompt=(
            "A bank runs a risk calculation every night on an Auto Scaling group of Spot "
            "Instances across many instance types and Availability Zones. The work is a queue "
            "of independent tasks that checkpoint to Amazon S3. The results must be ready by "
            "06:00 every morning; on most nights the queue is empty by 03:00, but on a few "
            "nights a year capacity is scarce and the work falls behind. The bank wants the "
            "MOST cost-effective design that still meets the deadline every night. What should "
            "a solutions architect recommend?"
        ),
        options=(
            Option(
                "Keep Spot, and at 04:00 raise the group's On-Demand base capacity when the "
                "queue still holds more work than the Spot capacity can finish by 06:00.",
                True,
                "Most nights run entirely on Spot; only the rare late night pays On-Demand "
                "prices, and only for the capacity the deadline needs. Checkpointed tasks "
                "resume on whatever capacity arrives.",
            ),
            Option(
                "Run the whole calculation on On-Demand Instances covered by a 3-year Compute "
                "Savings Plan, so that meeting the deadline never depends on Spot capacity.",
                False,
                "It meets the deadline but pays committed On-Demand rates every night for a "
                "risk that appears a few nights a year.",
            ),
            Option(
                "Set a maximum price equal to the On-Demand price, so that the instances are "
                "not interrupted on the critical nights.",
                False,
                "That is already the cap without a maximum; scarce capacity is exactly when "
                "EC2 reclaims Spot Instances, at any price.",
            ),
            Option(
                "Hold an On-Demand Capacity Reservation for the whole fleet every night as "
                "insurance, and run Spot Instances beside it.",
                False,
                "A reservation is charged at the On-Demand rate whether or not instances run "
                "in it, so the bank would pay for the full fleet twice on every normal night.",
            ),
        ),
    ),
    Question(
        id="spot-capacity-rebalancing",
        prompt=(
            "A logistics company processes parcel-scan messages from an SQS queue with a "
            "stateless worker fleet in an Auto Scaling group. The group runs Spot Instances "
            "across eight instance types in three Availability Zones with the "
            f"{_RECOMMENDED_ASG} strategy and no maximum price. On busy evenings several pools "
            "are reclaimed within minutes, and the queue backs up because replacement "
            "instances start only after the old ones are gone. The company wants "
            "replacements to start before the interrupted instances disappear, with the "
            "LEAST operational overhead. What should a solutions architect do?"
        ),
        options=(
            Option(
                "Set the maximum price in the launch template to the On-Demand price, so that "
                "the instances are no longer interrupted.",
                False,
                "Without a maximum price the cap already is the On-Demand price; these "
                "interruptions are about capacity, which is reclaimed at any price.",
            ),
            Option(
                "Turn on Capacity Rebalancing for the Auto Scaling group.",
                True,
                "The group then launches a replacement when an instance gets a rebalance "
                "recommendation, which can arrive before the two-minute interruption notice.",
            ),
            Option(
                "Run a scheduled Lambda function that checks Spot placement scores every minute "
                "and moves the group to the best-scored Region.",
                False,
                "A placement score is only a recommendation for where a request may succeed; "
                "moving Regions by script is heavy work and does not replace instances early.",
            ),
            Option(
                "Replace the Auto Scaling group with an EC2 Fleet of type request that uses the "
                "same instance types.",
                False,
                "A request fleet places a one-time request and does not replenish interrupted "
                "Spot Instances at all: the backlog would get worse.",
            ),
        ),
    ),
)

validate_bank(QUESTIONS)
