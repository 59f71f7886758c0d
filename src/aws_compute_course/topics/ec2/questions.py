"""Scenario questions for the EC2 topic (course notebook 01)."""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_SPREAD = facts.integer("ec2.spread_instances_per_az_max")
_PARTITIONS = facts.integer("ec2.partitions_per_az_max")
_COMPUTE_SP = facts.integer("ec2.compute_sp_max_discount_percent")
_INSTANCE_SP = facts.integer("ec2.instance_sp_max_discount_percent")
_BASIC = facts.integer("ec2.basic_monitoring_minutes")
_DETAILED = facts.integer("ec2.detailed_monitoring_minutes")
_NOTICE = facts.integer("spot.interruption_notice_minutes")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="ec2-cluster",
        prompt=(
            "A research team runs a tightly coupled MPI simulation on 64 instances. Nodes "
            "exchange messages constantly, and the job is checkpointed so it can be restarted. "
            "The team wants the lowest network latency and the highest throughput between nodes. "
            "What should a solutions architect recommend?"
        ),
        options=(
            Option(
                "A cluster placement group in one Availability Zone, with an instance type that "
                "supports enhanced networking, launched in a single request.",
                True,
                "A cluster group packs instances into a high-bisection-bandwidth segment of one "
                "AZ: the lowest latency between nodes. Launching all instances in one request "
                "reduces capacity errors. The AZ is a single point of failure, which a "
                "checkpointed job can accept.",
            ),
            Option(
                "A spread placement group across three Availability Zones.",
                False,
                f"Spread groups put each instance on distinct hardware (at most {_SPREAD} running "
                "per AZ): 64 nodes do not fit in three AZs, and spreading raises latency.",
            ),
            Option(
                "A cluster placement group that spans two Availability Zones for resilience.",
                False,
                "A cluster placement group cannot span Availability Zones.",
            ),
            Option(
                "No placement group: EC2 already places instances of one Auto Scaling group on the "
                "same rack.",
                False,
                "Without a placement group EC2 spreads instances to reduce correlated failures; "
                "it gives no low-latency guarantee. (Even a cluster group is not one rack.)",
            ),
        ),
    ),
    Question(
        id="ec2-spread",
        prompt=(
            "A company runs 12 small but critical instances (license servers and quorum nodes). "
            "No two may share underlying hardware, and the Region has three Availability Zones. "
            "Which placement satisfies the requirement?"
        ),
        options=(
            Option(
                f"One spread placement group over two or three AZs, at most {_SPREAD} instances in "
                "each AZ.",
                True,
                f"A (rack) spread group holds at most {_SPREAD} running instances per AZ per "
                f"group, so 12 need at least two AZs ({_SPREAD * 3} fit in three). Each instance "
                "gets its own rack, with its own network and power.",
            ),
            Option(
                "One spread placement group in a single AZ.",
                False,
                f"A single AZ holds at most {_SPREAD} running instances of a spread group; the "
                "launch of the eighth fails.",
            ),
            Option(
                "A cluster placement group, so that the nodes stay close.",
                False,
                "A cluster group packs instances close together, the opposite of isolation: "
                "instances can share hardware, and the whole group is in one AZ.",
            ),
            Option(
                "A partition placement group with 12 partitions in one AZ.",
                False,
                f"A partition group has at most {_PARTITIONS} partitions per AZ, and a partition "
                "holds many instances that share its racks.",
            ),
        ),
    ),
    Question(
        id="ec2-partition",
        prompt=(
            "A company is moving a 300-node Apache Cassandra cluster to EC2. It wants hardware "
            "failures to affect as few replicas of the same data as possible, and the database "
            "must know which nodes share hardware. Which solution fits?"
        ),
        options=(
            Option(
                "A partition placement group (several partitions per AZ, across AZs); Cassandra's "
                "rack awareness reads each node's partition number from instance metadata.",
                True,
                f"Partitions do not share racks, so a rack failure stays in one partition. Up to "
                f"{_PARTITIONS} partitions per AZ; the number of instances is limited only by the "
                "account. Instance metadata reports the partition for topology-aware databases.",
            ),
            Option(
                "A partition placement group is impossible: it holds at most 100 instances.",
                False,
                "This is the 2021 notes' error: a partition group's instance count is limited "
                "only by your account's limits.",
            ),
            Option(
                "A spread placement group for all 300 nodes.",
                False,
                f"A spread group holds at most {_SPREAD} running instances per AZ.",
            ),
            Option(
                "A cluster placement group, so replication traffic is fast.",
                False,
                "A cluster group is one AZ in one network segment: the largest blast radius, and "
                "no partition information for the database.",
            ),
        ),
    ),
    Question(
        id="ec2-savings-plan",
        prompt=(
            "A company spends steadily on compute and wants the largest discount for a 3-year "
            "commitment. Over that time it plans to move services from m5 to Graviton instances, "
            "shift some workloads to another Region, and run part of them on AWS Fargate and "
            "Lambda. Which purchasing option fits?"
        ),
        options=(
            Option(
                "A Compute Savings Plan.",
                True,
                f"Compute Savings Plans (up to {_COMPUTE_SP}% off) apply to EC2 in any family, "
                "size, AZ, Region, OS or tenancy, and to Fargate and Lambda: the commitment "
                "follows the workload.",
            ),
            Option(
                "An EC2 Instance Savings Plan for the m5 family.",
                False,
                f"EC2 Instance Savings Plans give the deeper discount (up to {_INSTANCE_SP}%) but "
                "cover one instance family in one Region: not Graviton, other Regions, Fargate "
                "or Lambda.",
            ),
            Option(
                "Standard Reserved Instances for the m5 instances.",
                False,
                "Standard RIs cannot be exchanged for other families and never cover Fargate or "
                "Lambda.",
            ),
            Option(
                "Scheduled Reserved Instances for the business hours.",
                False,
                "Scheduled Reserved Instances can no longer be purchased.",
            ),
        ),
    ),
    Question(
        id="ec2-capacity-reservation",
        prompt=(
            "A retailer must be certain it can launch 40 c5.2xlarge instances in one specific "
            "Availability Zone during a two-week sales event next month. It does not want any "
            "commitment beyond the event. What should it use?"
        ),
        options=(
            Option(
                "An On-Demand Capacity Reservation for the event, cancelled afterwards.",
                True,
                "A Capacity Reservation holds capacity in a specific AZ with no term commitment; "
                "while active it is charged the On-Demand rate whether or not instances run in "
                "it, and Savings Plans or Regional RIs can discount it.",
            ),
            Option(
                "Zonal Reserved Instances for the 40 instances.",
                False,
                "Zonal RIs reserve capacity too, but they are a 1- or 3-year commitment.",
            ),
            Option(
                "A Compute Savings Plan sized for the event.",
                False,
                "Savings Plans are a billing discount for 1 or 3 years; they reserve no capacity.",
            ),
            Option(
                "Spot Instances with a maximum price equal to the On-Demand price.",
                False,
                f"Spot capacity is never guaranteed and can be reclaimed with a {_NOTICE}-minute "
                "notice at any price.",
            ),
        ),
    ),
    Question(
        id="ec2-dedicated-host",
        prompt=(
            "A company wants to bring its existing Microsoft SQL Server licences, counted per "
            "physical core, to EC2. After maintenance, a stopped instance must start again on "
            "the same physical server. Which option meets both requirements?"
        ),
        options=(
            Option(
                "Dedicated Hosts, with host affinity set to Host.",
                True,
                "Dedicated Hosts show sockets and physical cores for per-core or per-socket "
                "licences, are billed per host, and with affinity an instance that is stopped "
                "and started returns to the same host.",
            ),
            Option(
                "Dedicated Instances.",
                False,
                "Dedicated Instances run on single-tenant hardware but give no visibility of "
                "sockets or cores and no host affinity; they are billed per instance.",
            ),
            Option(
                "Default-tenancy instances with a Standard Reserved Instance.",
                False,
                "Shared hardware: the licences cannot be counted per physical core, and a "
                "stop/start may move the instance to another host.",
            ),
            Option(
                "Dedicated Hosts; host affinity keeps instances on the host across reboots.",
                False,
                "Close, but the 2021 notes' wording: a reboot never changes the host. Affinity "
                "is about stop and start.",
            ),
        ),
    ),
    Question(
        id="ec2-part-time",
        prompt=(
            "A reporting job runs on 4 m5.large instances for 6 hours every night, every night "
            "for the next 3 years, and must not be interrupted. Which purchasing option costs "
            "the least?"
        ),
        options=(
            Option(
                "On-Demand Instances.",
                True,
                "Reserved Instances and Savings Plans bill every hour of the term: at 6 hours a "
                "day the workload uses a quarter of those hours, so a commitment pays off only "
                "with a discount above 75%, more than any advertised ceiling. (Try it in the "
                "cost explorer.)",
            ),
            Option(
                "3-year Standard Reserved Instances, All Upfront.",
                False,
                "The RI is billed for 24 hours a day whether the instances run or not; the "
                "discount does not make up for 18 idle hours a day.",
            ),
            Option(
                "Spot Instances.",
                False,
                "Cheapest per hour, but the job must not be interrupted.",
            ),
            Option(
                "Scheduled Reserved Instances for the nightly window.",
                False,
                "This was the notes' answer for recurring windows; Scheduled RIs can no longer "
                "be purchased.",
            ),
        ),
    ),
    Question(
        id="ec2-memory",
        prompt=(
            "Operations wants an alarm when memory use on a fleet of Linux instances exceeds "
            "80%. The CloudWatch console shows no memory metric for the instances. What is "
            "needed?"
        ),
        options=(
            Option(
                "Install the CloudWatch agent on the instances and alarm on mem_used_percent.",
                True,
                "Memory is not an EC2 metric: the hypervisor cannot see inside the guest. The "
                "CloudWatch agent publishes mem_used_percent in the CWAgent namespace.",
            ),
            Option(
                "Enable detailed monitoring.",
                False,
                f"Detailed monitoring changes the period from {_BASIC} minutes to {_DETAILED}; it "
                "adds no memory metric.",
            ),
            Option(
                "Alarm on DiskReadOps and DiskWriteOps instead.",
                False,
                "Those count instance store I/O only (EBS volumes report in AWS/EBS), and say "
                "nothing about memory.",
            ),
            Option(
                "Alarm on the MemoryUtilization metric in the AWS/EC2 namespace.",
                False,
                "There is no such metric in AWS/EC2.",
            ),
        ),
    ),
    Question(
        id="ec2-recovery",
        prompt=(
            "An EBS-backed m5 instance fails its system status check because of a hardware "
            "problem on its host. The team needs the instance back with the same instance ID, "
            "private IP addresses and Elastic IP. What happens, or what should they do?"
        ),
        options=(
            Option(
                "Nothing extra: simplified automatic recovery, on by default for supported "
                "instances, moves it to healthy hardware and keeps its ID, IPs, metadata and "
                "placement group.",
                True,
                "Since simplified automatic recovery, no CloudWatch alarm is needed for supported "
                "instances (unless recovery was disabled). In-memory data is lost.",
            ),
            Option(
                "Create a CloudWatch alarm on StatusCheckFailed_System with the recover action; "
                "without it the instance is never recovered.",
                False,
                "This was the 2021 notes' procedure. It still works (e.g. when automatic "
                "recovery is disabled), but it is no longer required.",
            ),
            Option(
                "Let an Auto Scaling group replace it.",
                False,
                "A replacement is a new instance with a new instance ID and private IP.",
            ),
            Option(
                "Reboot the instance from the console.",
                False,
                "A reboot stays on the same failing host; the system check is AWS's side.",
            ),
        ),
    ),
)

validate_bank(QUESTIONS)
